package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"infogeneratorn/locales"
)

// TestServeShutsDownGracefully starts infogen serve on a free port, sends
// SIGTERM while a large order is being made, and checks that the order is
// answered in full and the server exits with status 0.
func TestServeShutsDownGracefully(t *testing.T) {
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- runServe([]string{"--addr", "127.0.0.1:0", "--rate", "0"}, outW, &stderr)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v\n%s", err, stderr.String())
	}
	go io.Copy(io.Discard, outR)
	m := regexp.MustCompile(`open (http://127\.0\.0\.1:\d+/)`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("start line %q names no address", line)
	}
	base := m[1]
	resp, err := http.Get(base + "healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v", err)
	}
	resp.Body.Close()

	// An order whose body arrives in two parts, with SIGTERM between them:
	// the connection is active when shutdown begins, and the order must
	// still be read, made and answered.
	order := `{"municipality":{"code":"1380"},"topics":["vald"],"languages":["sv","ar"],"formats":["html"]}`
	bodyR, bodyW := io.Pipe()
	answered := make(chan *http.Response, 1)
	go func() {
		r, err := http.Post(base+"api/v1/leaflets", "application/json", bodyR)
		if err != nil {
			t.Errorf("order during shutdown: %v", err)
		}
		answered <- r
	}()
	io.WriteString(bodyW, order[:20])
	time.Sleep(200 * time.Millisecond)
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	io.WriteString(bodyW, order[20:])
	bodyW.Close()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit status %d\n%s", code, stderr.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("the server did not stop after SIGTERM")
	}
	if r := <-answered; r != nil {
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "application/zip" {
			t.Errorf("order during shutdown: %d %s", r.StatusCode, body)
		}
	}
	if _, err := http.Get(base + "healthz"); err == nil {
		t.Error("the server still answers after shutdown")
	}
	for _, want := range []string{"shutting down", "stopped"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, stderr.String())
		}
	}
}

// TestServeRefusesBadSecurityFlags: a --public-url or --trusted-proxies
// that cannot mean what was intended stops the server before it listens.
func TestServeRefusesBadSecurityFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--public-url", "infogen.example.se"},
		{"--public-url", "https://infogen.example.se/app"},
		{"--public-url", "ftp://infogen.example.se"},
		{"--trusted-proxies", "10.0.0.0/8,proxy.example"},
		{"--trusted-proxies", "10.0.0.0/33"},
	} {
		var stderr bytes.Buffer
		if code := runServe(append([]string{"--addr", "127.0.0.1:0"}, args...), io.Discard, &stderr); code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, stderr.String())
		}
		if !strings.Contains(stderr.String(), args[0]) {
			t.Errorf("%v: the message does not name the flag: %s", args, stderr.String())
		}
	}
	if got, err := parseProxies(" 10.0.0.0/8, 192.0.2.1 ,"); err != nil || len(got) != 2 {
		t.Errorf("parseProxies: %v %v", got, err)
	}
}

// TestReloadRefusesALostLocale: deleting ar.toml while the server follows
// --locales DIR is a broken set, not a new good one with 29 languages
// (issue #11, point 17): Arabic stays in service.
func TestReloadRefusesALostLocale(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, locales.FS()); err != nil {
		t.Fatal(err)
	}
	a, err := newApp(appOptions{LocalesDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var logs syncWriter
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	current, err := servedPipeline(ctx, a, dir, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	before := len(current().Catalog.Tags())
	if err := os.Remove(filepath.Join(dir, "ar.toml")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(logs.String(), "serving the last good set") {
		if time.Now().After(deadline) {
			t.Fatalf("no reload refused within a minute; log:\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
		current()
	}
	if p := current(); !p.Catalog.Has("ar") || len(p.Catalog.Tags()) != before {
		t.Errorf("serving %d locales (Arabic: %v), want the %d of the last good set", len(p.Catalog.Tags()), p.Catalog.Has("ar"), before)
	}
	if !strings.Contains(logs.String(), "no message file for ar") {
		t.Errorf("the log does not name the lost locale:\n%s", logs.String())
	}
}

type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// TestServeMemoryAfterStart: what the Go runtime holds once serve is up
// (heap, stacks, runtime structures: what --memory-limit governs, read
// from runtime/metrics after a collection) is under the default limit
// (issue #11, point 6). The resident memory is larger by the pages of
// the binary itself (code, embedded fonts and locales: about 33 MB after
// start-up, file-backed, which the kernel may drop and no Go limit
// governs).
func TestServeMemoryAfterStart(t *testing.T) {
	outR, outW := io.Pipe()
	var stderr syncWriter
	done := make(chan int, 1)
	go func() {
		done <- runServe([]string{"--addr", "127.0.0.1:0", "--rate", "0"}, outW, &stderr)
		outW.Close()
	}()
	if _, err := bufio.NewReader(outR).ReadString('\n'); err != nil {
		t.Fatalf("no start line: %v\n%s", err, stderr.String())
	}
	go io.Copy(io.Discard, outR)
	runtime.GC()
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(samples)
	held := samples[0].Value.Uint64() - samples[1].Value.Uint64()
	t.Logf("Go runtime memory after start-up: %.1f MiB (limit %d MiB)", float64(held)/(1<<20), defaultMemoryLimit)
	if held > defaultMemoryLimit<<20 {
		t.Errorf("point 6: the server holds %.1f MiB after start-up, over its default --memory-limit of %d MiB",
			float64(held)/(1<<20), defaultMemoryLimit)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(40 * time.Second):
		t.Fatal("the server did not stop after SIGTERM")
	}
}
