package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"infogeneratorn/generator/orders/pgstore/pgtest"
)

// envRunMain makes the test binary run as infogen itself: the two-process
// test starts it twice as real, separate serve processes.
const envRunMain = "INFOGEN_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(envRunMain) == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// serveProcess starts infogen serve as its own process and returns a
// function that waits for it to listen and gives its base URL (so that
// several start at once); it is stopped with SIGTERM when the test ends.
func serveProcess(t *testing.T, args ...string) func() string {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0", "--rate", "0"}, args...)...)
	cmd.Env = append(os.Environ(), envRunMain+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve %v exited: %v\n%s", args, err, stderr.String())
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Errorf("serve %v did not stop on SIGTERM", args)
		}
	})
	return func() string {
		t.Helper()
		line, err := bufio.NewReader(out).ReadString('\n')
		if err != nil {
			t.Fatalf("serve %v: no start line: %v\n%s", args, err, stderr.String())
		}
		go io.Copy(io.Discard, out)
		m := regexp.MustCompile(`open (http://127\.0\.0\.1:\d+)/`).FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("start line %q names no address", line)
		}
		return m[1]
	}
}

// browser is one browser's cookies against one origin.
type browser struct {
	t      *testing.T
	cookie []*http.Cookie
}

var tokenField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// openForm loads the form from base and returns its token.
func (b *browser) openForm(base string) string {
	b.t.Helper()
	resp, err := http.Get(base + "/")
	if err != nil {
		b.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	b.cookie = resp.Cookies()
	m := tokenField.FindSubmatch(body)
	if m == nil || len(b.cookie) == 0 {
		b.t.Fatalf("GET %s/: no token or cookie", base)
	}
	return string(m[1])
}

// post sends the form to base with the cookies, as a browser on base's page.
func (b *browser) post(base string, fields url.Values, logo []byte) (int, string) {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if logo != nil {
		w, _ := mw.CreateFormFile("logo", "logo.png")
		w.Write(logo)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", base)
	for _, c := range b.cookie {
		req.AddCookie(c)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func get(t *testing.T, u string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

// TestTwoServeProcessesOnePostgreSQL runs infogen serve twice, as two
// processes on two ports on one PostgreSQL database: an order made on one
// is served by the other, a logo uploaded to one is shown by the other,
// and a form opened from one is accepted by the other (and a forged token
// is not).
func TestTwoServeProcessesOnePostgreSQL(t *testing.T) {
	dsn := pgtest.Schema(t)
	waitA, waitB := serveProcess(t, "--db", dsn), serveProcess(t, "--db", dsn)
	a, b := waitA(), waitB()

	// An order made on A.
	order := `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv","ar"]}`
	resp, err := http.Post(a+"/api/v1/orders", "application/json", strings.NewReader(order))
	if err != nil {
		t.Fatal(err)
	}
	var ans struct {
		ID, EditURL, PrintURL string
		PublicURLs            []string
	}
	json.NewDecoder(resp.Body).Decode(&struct {
		ID         *string   `json:"id"`
		EditURL    *string   `json:"edit_url"`
		PrintURL   *string   `json:"print_url"`
		PublicURLs *[]string `json:"public_urls"`
	}{&ans.ID, &ans.EditURL, &ans.PrintURL, &ans.PublicURLs})
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || !strings.HasPrefix(ans.PrintURL, a+"/print/") {
		t.Fatalf("POST /api/v1/orders on A: %d %+v", resp.StatusCode, ans)
	}
	printPath := strings.TrimPrefix(ans.PrintURL, a)
	editPath := strings.TrimPrefix(ans.EditURL, a)

	// … is served by B: the sheet, the bundle, the edit side's links.
	code, sheet := get(t, b+printPath)
	if code != http.StatusOK || !bytes.Contains(sheet, []byte("Kungsbacka_vald_arabiska_A4.pdf")) {
		t.Fatalf("the order sheet from B: %d", code)
	}
	code, bundle := get(t, b+printPath+"/bundle.zip")
	zr, err := zip.NewReader(bytes.NewReader(bundle), int64(len(bundle)))
	if code != http.StatusOK || err != nil || len(zr.File) != 3 {
		t.Fatalf("the bundle from B: %d %v", code, err)
	}
	code, links := get(t, b+editPath+"/links")
	if code != http.StatusOK || !bytes.Contains(links, []byte(printPath)) {
		t.Fatalf("the edit side's links from B: %d", code)
	}
	// … and so are its leaflets' public pages.
	if len(ans.PublicURLs) != 2 {
		t.Fatalf("public pages from A: %q", ans.PublicURLs)
	}
	for _, u := range ans.PublicURLs {
		lang := u[strings.LastIndexByte(u, '/')+1:]
		code, page := get(t, b+strings.TrimPrefix(u, a))
		if code != http.StatusOK || !bytes.Contains(page, []byte(`<html lang="`+lang+`"`)) {
			t.Errorf("the public page %s from B: %d", strings.TrimPrefix(u, a), code)
		}
	}

	// A form opened on A, with a logo uploaded to A …
	br := &browser{t: t}
	token := br.openForm(a)
	fields := url.Values{"csrf": {token}, "ui": {"sv"}, "action": {"update"}, "municipality_code": {"1384"},
		"topics": {"vald"}, "languages": {"sv"}}
	code, page := br.post(a, fields, testLogo())
	m := regexp.MustCompile(`name="logo_id" value="([0-9a-f]{32})"`).FindStringSubmatch(page)
	if code != http.StatusOK || m == nil {
		t.Fatalf("the form with a logo on A: %d, logo kept: %v", code, m != nil)
	}
	// … is accepted by B, which also shows the logo.
	fields.Set("logo_id", m[1])
	code, page = br.post(b, fields, nil)
	if code != http.StatusOK || !strings.Contains(page, `value="`+m[1]+`"`) {
		t.Errorf("A's form posted to B: %d (a shared key accepts it and keeps the logo)", code)
	}
	if code, body := get(t, b+"/logo/"+m[1]); code != http.StatusOK || !bytes.HasPrefix(body, []byte("\x89PNG")) {
		t.Errorf("A's logo from B: %d", code)
	}
	// The control: B checks the token, it does not wave every form through.
	forged := url.Values{}
	for k, v := range fields {
		forged[k] = v
	}
	forged.Set("csrf", strings.ToUpper(token[:1])+token[1:]+"x")
	if code, _ := br.post(b, forged, nil); code != http.StatusForbidden {
		t.Errorf("a forged token posted to B: %d, want 403", code)
	}
}

func testLogo() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		for y := range 20 {
			img.Set(x, y, color.NRGBA{R: uint8(x * 6), G: 80, B: 160, A: 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}
