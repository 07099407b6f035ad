package resolve

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // a logo is a PNG or a JPEG
	_ "image/png"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/unicode/norm"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/municipality"
	"infogeneratorn/generator/qrcode"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// Vetting reports which of the given messages are not vetted in a locale.
type Vetting interface {
	Unvetted(lang string, ids []string) []string
}

// SourceIsVetted is the Vetting used when none is configured: the Swedish
// source is the text itself, every other locale is an unvetted draft.
type SourceIsVetted struct{}

// Unvetted implements Vetting.
func (SourceIsVetted) Unvetted(lang string, ids []string) []string {
	if lang == catalog.SourceTag {
		return nil
	}
	return ids
}

var _ Vetting = SourceIsVetted{}

// Config is what a Resolver is built from.
type Config struct {
	Catalog        *catalog.Catalog
	Topics         *content.Set
	HelpLines      *helplines.Set
	Municipalities *municipality.List
	Policy         helplines.Policy
	Vetting        Vetting // nil: SourceIsVetted
	RequireVetted  bool    // refuse leaflets that print unvetted text
	Version        string  // the generator's version, for metadata
	Now            func() time.Time
}

// Resolver builds documents. It is safe for concurrent use.
type Resolver struct {
	cfg   Config
	fixed fixedTexts
	lines chosenLines
}

// chosenLines holds each topic's national help lines as the policy
// chooses them (helplines.Set.Select), the same for every leaflet of the
// topic: chosen at its first leaflet, read by the rest. The lines are
// shared: read them only.
type chosenLines struct {
	mu      sync.Mutex
	byTopic map[vocab.TopicID][]helplines.Printed
}

func (c *chosenLines) of(set *helplines.Set, t content.Topic, p helplines.Policy) []helplines.Printed {
	c.mu.Lock()
	defer c.mu.Unlock()
	lines, ok := c.byTopic[t.ID]
	if !ok {
		lines, _ = set.Select(t.HelpLines, p)
		if c.byTopic == nil {
			c.byTopic = map[vocab.TopicID][]helplines.Printed{}
		}
		c.byTopic[t.ID] = lines
	}
	return lines
}

// New returns a Resolver.
func New(cfg Config) *Resolver {
	if cfg.Vetting == nil {
		cfg.Vetting = SourceIsVetted{}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Resolver{cfg: cfg}
}

// UnvettedError is a leaflet refused because it would print messages that
// are not vetted.
type UnvettedError struct {
	Lang  string
	Topic vocab.TopicID
	IDs   []string
}

func (e *UnvettedError) Error() string {
	return fmt.Sprintf("%s leaflet in %q would print %d unvetted message(s): %s",
		e.Topic, e.Lang, len(e.IDs), strings.Join(e.IDs, ", "))
}

// Municipality returns the name a request's leaflets print: the name the
// order gives, else the municipality's official name ("Kungsbacka kommun").
func (r *Resolver) Municipality(req *request.Request) string {
	if req.Municipality.Name != "" {
		return norm.NFC.String(req.Municipality.Name)
	}
	if r.cfg.Municipalities != nil {
		if m, ok := r.cfg.Municipalities.ByCode(req.Municipality.Code); ok {
			return m.Official
		}
	}
	return req.Municipality.Code
}

// qrTarget is where a leaflet's QR code leads: the order's QRURL, else
// this leaflet's page among the saved order's (LeafletPages/topic/lang),
// else the municipality's page (its first contact's web address); "" for
// no code.
func qrTarget(req *request.Request, topic vocab.TopicID, lang string) string {
	if !req.QR {
		return ""
	}
	if req.QRURL != "" {
		return req.QRURL
	}
	if req.LeafletPages != "" {
		return LeafletPage(req.LeafletPages, topic, lang)
	}
	for _, c := range req.Contacts {
		if c.Web != "" {
			return c.Web
		}
	}
	return ""
}

// LeafletPage is the address of one leaflet's HTML page among a saved
// order's: pages/topic/lang, each part path-escaped.
func LeafletPage(pages string, topic vocab.TopicID, lang string) string {
	return strings.TrimRight(pages, "/") + "/" + url.PathEscape(string(topic)) + "/" + url.PathEscape(lang)
}

// Resolve builds the document for one topic in one language.
func (r *Resolver) Resolve(req *request.Request, topic vocab.TopicID, lang string) (*document.Document, error) {
	t, ok := r.cfg.Topics.Topic(topic)
	if !ok {
		return nil, fmt.Errorf("topic %q has no structure in topics.toml", topic)
	}
	loc, err := r.cfg.Catalog.Locale(lang)
	if err != nil {
		return nil, err
	}
	paper := vocab.A4
	if p, ok := vocab.ParsePaper(req.Paper); ok {
		paper = p
	}
	muni := r.Municipality(req)
	meta := loc.Meta()
	w := &writer{loc: loc, data: map[string]any{"Municipality": muni}, script: meta.Script}
	if !document.SameLanguage(loc.Tag(), catalog.SourceTag) {
		w.src = r.cfg.Catalog.Source()
	}
	w.fixed = r.fixed.table(w.loc, w.src, w.script)
	if l, ok := r.cfg.HelpLines.Line("nodnummer"); ok {
		w.phone("Emergency", l.Number)
	}
	doc := &document.Document{
		Lang: loc.Tag(), Dir: meta.Direction, Script: meta.Script, Font: meta.Font,
		Topic: topic, Municipality: muni, Paper: paper, Print: req.Print, LargePrint: req.LargePrint,
	}
	if len(req.Logo) > 0 {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(req.Logo)) // PNG or JPEG, re-encoded by package logo
		if err != nil {
			return nil, fmt.Errorf("logo: %w", err)
		}
		doc.Logo = &document.Image{Data: req.Logo, Width: cfg.Width, Height: cfg.Height,
			Alt: w.bare(content.MsgLogoAlt)}
	}
	doc.Title = w.bare(t.Title)
	doc.Meta = document.Meta{
		Subject: w.bare(t.Summary), Author: muni,
		Creator:   strings.TrimSpace("Infogeneratorn " + r.cfg.Version),
		Generated: r.cfg.Now().UTC().Format(time.DateOnly),
	}
	doc.Blocks = append(doc.Blocks, document.Block{Kind: document.Heading, Level: 1,
		Text: document.PlainText(doc.Title), MessageIDs: []string{t.Title}})
	for _, b := range t.Blocks {
		blocks := r.block(w, b, t, req)
		doc.Blocks = append(doc.Blocks, blocks...)
	}
	if target := qrTarget(req, topic, loc.Tag()); target != "" {
		m, err := qrcode.Encode(target)
		if err != nil {
			return nil, err
		}
		doc.Blocks = append(doc.Blocks, document.Block{Kind: document.QR, QR: m.Modules,
			Text: document.Text{{Kind: document.URL, Text: target, Href: target}}})
	}
	doc.Footer = append(doc.Footer, document.FooterLine{Text: w.text(content.MsgFooter)})
	if w.err != nil {
		return nil, w.err
	}
	unvetted := r.cfg.Vetting.Unvetted(loc.Tag(), w.used)
	doc.Review = document.Review{Vetted: len(unvetted) == 0, Unvetted: unvetted}
	if len(unvetted) > 0 {
		if r.cfg.RequireVetted {
			return nil, &UnvettedError{Lang: loc.Tag(), Topic: topic, IDs: unvetted}
		}
		doc.Footer = append(doc.Footer, document.FooterLine{Text: w.text(content.MsgUnvetted), Strong: true})
		if loc.Tag() != catalog.SourceTag {
			src := r.cfg.Catalog.Source()
			sv := &writer{loc: src, data: w.data, fixed: r.fixed.table(src, nil, "")}
			doc.Footer = append(doc.Footer, document.FooterLine{Text: sv.text(content.MsgUnvetted),
				Lang: src.Tag(), Dir: src.Meta().Direction, Strong: true})
			if sv.err != nil {
				return nil, sv.err
			}
		}
	}
	if w.err != nil {
		return nil, w.err
	}
	return doc, nil
}

func (r *Resolver) block(w *writer, b content.Block, t content.Topic, req *request.Request) []document.Block {
	switch b.Kind {
	case content.Paragraph:
		return []document.Block{{Kind: document.Paragraph, Text: w.text(b.Msg), MessageIDs: []string{b.Msg}}}
	case content.Notice:
		return []document.Block{{Kind: document.Notice, Text: w.text(b.Msg), MessageIDs: []string{b.Msg}}}
	case content.Heading:
		return []document.Block{{Kind: document.Heading, Level: 2, Text: w.text(b.Msg), MessageIDs: []string{b.Msg}}}
	case content.List:
		blk := document.Block{Kind: document.List, MessageIDs: b.Msgs}
		for _, id := range b.Msgs {
			blk.Items = append(blk.Items, w.text(id))
		}
		return []document.Block{blk}
	case content.Contacts:
		return r.contacts(w, t, req)
	case content.HelpLines:
		return r.helpLines(w, t)
	}
	return nil
}

func (r *Resolver) contacts(w *writer, t content.Topic, req *request.Request) []document.Block {
	var cards []document.Card
	var ids []string
	for _, c := range req.Contacts {
		role := vocab.Role(c.Role)
		if !contains(t.Roles, role) {
			continue
		}
		card := document.Card{Role: role, Label: w.text(content.RoleMsg(role))}
		if name := norm.NFC.String(c.Name); name != card.Label.Bare() {
			card.Name = document.Given(name, w.loc.Tag()) // "Socialjouren" under the label "Socialjouren" says nothing new
		}
		ids = append(ids, content.RoleMsg(role))
		if c.Phone != "" {
			card.Phones = append(card.Phones, w.links(phoneText(c.Phone)))
		}
		if c.Email != "" {
			card.Email = w.links(document.Text{{Kind: document.Email, Text: c.Email, Href: "mailto:" + c.Email}})
		}
		if c.Web != "" {
			card.Web = w.links(document.Text{{Kind: document.URL, Text: c.Web, Href: c.Web}})
		}
		card.Address = document.Given(norm.NFC.String(c.Address), w.loc.Tag())
		for _, h := range c.Hours {
			card.Hours = append(card.Hours, w.hours(h))
		}
		cards = append(cards, card)
	}
	if len(cards) == 0 {
		return nil
	}
	return []document.Block{
		{Kind: document.Heading, Level: 2, Text: w.text(content.MsgContactsHeading), MessageIDs: []string{content.MsgContactsHeading}},
		{Kind: document.Contacts, Cards: cards, MessageIDs: dedupe(ids)},
	}
}

func (r *Resolver) helpLines(w *writer, t content.Topic) []document.Block {
	lines := r.lines.of(r.cfg.HelpLines, t, r.cfg.Policy)
	if len(lines) == 0 {
		return nil
	}
	blk := document.Block{Kind: document.HelpLines}
	for _, l := range lines {
		name, about := content.HelpLineMsgs(l.ID)
		card := document.Card{Label: w.text(name), About: w.text(about), Phones: []document.Text{w.links(phoneText(l.Number))}}
		blk.MessageIDs = append(blk.MessageIDs, name, about)
		for _, n := range l.Also { // another number of the same line, beside the first
			card.Phones = append(card.Phones, w.textPhone(content.MsgHelpLineAlso, "Number", n))
			blk.MessageIDs = append(blk.MessageIDs, content.MsgHelpLineAlso)
		}
		if l.ShowHours {
			switch l.Open {
			case helplines.Always:
				card.Hours = append(card.Hours, w.text(content.MsgHoursAlways))
			case helplines.Weekdays:
				card.Hours = append(card.Hours, w.dayRange(0, 4))
			case helplines.Schedule:
				for _, h := range l.Schedule {
					card.Hours = append(card.Hours, w.hours(h))
				}
			}
		}
		for _, n := range []struct {
			on  bool
			msg string
		}{{l.Free, content.MsgNoteFree}, {l.Anonymous, content.MsgNoteAnonymous}, {l.NotOnBill, content.MsgNoteNotOnBill}, {l.Interpreter, content.MsgNoteInterpreter}} {
			if n.on {
				card.Notes = append(card.Notes, w.text(n.msg))
			}
		}
		blk.Cards = append(blk.Cards, card)
	}
	heading := document.Block{Kind: document.Heading, Level: 2, Text: w.text(content.MsgHelpLinesHeading), MessageIDs: []string{content.MsgHelpLinesHeading}}
	intro := document.Block{Kind: document.Paragraph, Text: w.plural(content.MsgHelpLinesIntro, len(lines)), MessageIDs: []string{content.MsgHelpLinesIntro}}
	return []document.Block{heading, intro, blk}
}

// phoneText is a validated phone number as a Phone span. Numbers reach
// here only after request.Validate or the help-line data's own check.
func phoneText(number string) document.Text {
	p, err := request.ParsePhone(number)
	if err != nil {
		return document.PlainText(number)
	}
	return document.Text{{Kind: document.Phone, Text: p.Display, Href: "tel:" + p.Dial}}
}

func contains[T comparable](xs []T, x T) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func dedupe(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
