package pdf

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

// TestXMPPacket: the packet is well-formed XML and holds what PDF/UA
// asks of it, with markup in the fields escaped.
func TestXMPPacket(t *testing.T) {
	x := xmpMeta{Title: "Till dig <som> & andra", Lang: "ar", Author: "Halmstads kommun", Subject: "s",
		Creator: "Infogeneratorn", Producer: "p", Date: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), UAPart: 1}
	p := string(x.packet())
	body := p[strings.Index(p, "?>")+2 : strings.LastIndex(p, "<?xpacket")]
	if err := xml.Unmarshal([]byte(body), new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, p)
	}
	for _, want := range []string{
		`<rdf:li xml:lang="x-default">Till dig &lt;som&gt; &amp; andra</rdf:li>`,
		`<dc:language><rdf:Bag><rdf:li>ar</rdf:li></rdf:Bag></dc:language>`,
		`<pdfuaid:part>1</pdfuaid:part>`,
		`<xmp:CreateDate>2026-01-15T00:00:00Z</xmp:CreateDate>`,
	} {
		if !strings.Contains(p, want) {
			t.Errorf("packet lacks %s:\n%s", want, p)
		}
	}
	if strings.Contains(string(xmpMeta{Title: "t"}.packet()), "pdfuaid") {
		t.Error("a packet that claims no PDF/UA part names the pdfuaid schema")
	}
}
