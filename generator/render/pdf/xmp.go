package pdf

import (
	"bytes"
	"encoding/xml"
	"time"
)

// xmpMeta is what the file's XMP metadata packet says. One builder for
// every kind of file: PDF/UA needs dc:title, dc:language and
// pdfuaid:part; PDF/X adds its own fields here.
type xmpMeta struct {
	Title    string
	Lang     string // BCP 47, also the language of the title and description
	Author   string
	Subject  string
	Creator  string // the creating tool
	Producer string
	Date     time.Time
	// UAPart is the PDF/UA part the file claims (pdfuaid:part); 0 for none.
	UAPart int
	// PDFX is the PDF/X version the file claims ("PDF/X-1a:2003"), as
	// pdfxid:GTS_PDFXVersion and, for readers that know only Adobe's
	// schema, pdfx:GTS_PDFXVersion; "" for none.
	PDFX string
	// Trapped is pdf:Trapped, "True" or "False"; "" leaves it out.
	Trapped string
}

// packet returns the XMP packet: an xpacket-wrapped RDF document with
// the Dublin Core, XMP basic, Adobe PDF and, when claimed, PDF/UA
// identification schemas.
func (x xmpMeta) packet() []byte {
	var b bytes.Buffer
	esc := func(s string) {
		_ = xml.EscapeText(&b, []byte(s))
	}
	lang := x.Lang
	if lang == "" {
		lang = "x-default"
	}
	date := x.Date.UTC().Format("2006-01-02T15:04:05Z")
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"`)
	if x.UAPart > 0 {
		b.WriteString(` xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"`)
	}
	if x.PDFX != "" {
		b.WriteString(` xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"`)
	}
	b.WriteString(">\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	alt := func(tag, v string) {
		if v == "" {
			return
		}
		b.WriteString("<dc:" + tag + "><rdf:Alt><rdf:li xml:lang=\"x-default\">")
		esc(v)
		b.WriteString("</rdf:li>")
		if lang != "x-default" {
			b.WriteString("<rdf:li xml:lang=\"")
			esc(lang)
			b.WriteString("\">")
			esc(v)
			b.WriteString("</rdf:li>")
		}
		b.WriteString("</rdf:Alt></dc:" + tag + ">\n")
	}
	alt("title", x.Title)
	alt("description", x.Subject)
	if x.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>")
		esc(x.Author)
		b.WriteString("</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if x.Lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>")
		esc(x.Lang)
		b.WriteString("</rdf:li></rdf:Bag></dc:language>\n")
	}
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n")
	b.WriteString("<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n")
	// simple writes a property with a text value, if it has one.
	simple := func(name, v string) {
		if v == "" {
			return
		}
		b.WriteString("<" + name + ">")
		esc(v)
		b.WriteString("</" + name + ">\n")
	}
	simple("xmp:CreatorTool", x.Creator)
	simple("pdf:Producer", x.Producer)
	simple("pdf:Trapped", x.Trapped)
	simple("pdfxid:GTS_PDFXVersion", x.PDFX)
	simple("pdfx:GTS_PDFXVersion", x.PDFX)
	if x.UAPart > 0 {
		b.WriteString("<pdfuaid:part>")
		b.WriteString(string(rune('0' + x.UAPart%10)))
		b.WriteString("</pdfuaid:part>\n")
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.Bytes()
}
