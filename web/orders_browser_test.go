package web

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserOrderPages opens the pages of a saved order in Chromium and
// runs axe on each: the print shop's sheet, the edit side's links page
// before and after "extend", and the page of an expired print link.
func TestBrowserOrderPages(t *testing.T) {
	a := newOrdersApp(t, nil)
	srv := httptest.NewServer(a.h)
	t.Cleanup(srv.Close)
	ans := postOrder(t, srv.URL, falkenbergOrder)
	ctx, _, _ := newBrowser(t)

	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ans.PrintURL), chromedp.WaitVisible(chromedp.CSS("table.order-sheet"))); err != nil {
		t.Fatal(err)
	}
	sheet := text("main")
	if !strings.Contains(sheet, "Falkenberg_vald_arabiska_A4.pdf") || !strings.Contains(sheet, "Print order") {
		t.Errorf("the sheet as the browser shows it:\n%s", sheet)
	}
	screenshot(t, ctx, "order-sheet.png")
	checkAxe(t, ctx, "order sheet")

	if err := chromedp.Do(ctx, chromedp.Navigate(ans.EditURL+"/links"), chromedp.WaitVisible(chromedp.CSS("form button"))); err != nil {
		t.Fatal(err)
	}
	checkAxe(t, ctx, "order links")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form button")), chromedp.WaitVisible(chromedp.CSS(".notice"))); err != nil {
		t.Fatal(err)
	}
	if notice := text(".notice"); !strings.Contains(notice, "2027-01-24") { // 30 days from the first expiry, 2026-12-25
		t.Errorf("after extending: %q", notice)
	}
	checkAxe(t, ctx, "order links extended")

	// The order's leaflets as public pages, in their languages.
	for i, l := range ans.Leaflets {
		if l.Topic != "vald" {
			continue
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(ans.PublicURLs[i]), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang + " " + document.documentElement.dir`))
		if want := map[string]string{"sv": "sv ltr", "ar": "ar rtl"}[l.Lang]; err != nil || got != want {
			t.Errorf("the public page of vald/%s is %q (%v), want %q", l.Lang, got, err, want)
		}
		screenshot(t, ctx, "public-vald-"+l.Lang+".png")
		checkAxe(t, ctx, "public leaflet vald "+l.Lang)
	}

	a.clock.Add(200 * 24 * time.Hour)
	if err := chromedp.Do(ctx, chromedp.Navigate(ans.PrintURL), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if page := text("main"); !strings.Contains(page, "gick ut 2027-01-24") {
		t.Errorf("the expired link's page: %q", page)
	}
	checkAxe(t, ctx, "expired print link")
	// The public pages outlive the print link.
	if err := chromedp.Do(ctx, chromedp.Navigate(ans.PublicURLs[0]), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	checkAxe(t, ctx, "public leaflet after the print link expired")
}
