package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// The form and saved orders: with an order store, downloading from the
// form also saves the order, and the confirmation shows its two links —
// the private edit link (/edit/{edit}: the form, prefilled, to change
// contacts next year and re-order) and the print shop's link. A draft
// opened from an edit link updates that order instead of making another.

// formPublic is the public link of the order the draft will save: the
// one its edit link opened has one already (or none, when saved before
// public links), a new order gets a new one. It points req's QR codes at
// it, so that the files downloaded from the form are the print shop's.
func (s *server) formPublic(c *gin.Context, d *draft, req *request.Request) orders.Capability {
	if s.cfg.Orders == nil {
		return ""
	}
	public := orders.NewCapability()
	if d.Edit != "" {
		if o, err := s.cfg.Orders.OrderByEdit(c.Request.Context(), orders.Capability(d.Edit)); err == nil {
			public = o.Public
		}
	}
	s.leafletPages(req, public)
	return public
}

// saveFormOrder saves the draft's order: a new one, or the one its edit
// link opened. It records the links in the draft.
func (s *server) saveFormOrder(c *gin.Context, p *Pipeline, in *pipelineInfo, d *draft, req *request.Request, public orders.Capability) *request.FieldError {
	if s.cfg.Orders == nil {
		return nil
	}
	fail := func(ferrs request.FieldErrors, err error) *request.FieldError {
		if len(ferrs) > 0 {
			e := emptyAsRequired(ferrs)[0]
			return &e
		}
		s.log.Error("order store", "err", errKind(err))
		return &request.FieldError{Code: codeInternal}
	}
	if d.Edit != "" {
		o, err := s.cfg.Orders.OrderByEdit(c.Request.Context(), orders.Capability(d.Edit))
		if err == nil {
			updated, ferrs, err := s.updateOrder(c, p, in, o, req, d.State.LogoID)
			if err != nil || len(ferrs) > 0 {
				return fail(ferrs, err)
			}
			d.Print = string(updated.Print)
			return nil
		}
		if !errors.Is(err, orders.ErrNotFound) {
			return fail(nil, err)
		}
	}
	created, ferrs, err := s.saveOrder(c, p, in, req, d.State.LogoID, public)
	if err != nil || len(ferrs) > 0 {
		return fail(ferrs, err)
	}
	d.Edit, d.Print = string(created.Edit), string(created.Print)
	return nil
}

// getEditForm opens a saved order in the form: a new draft, prefilled,
// that updates the order when it is downloaded again.
func (s *server) getEditForm(c *gin.Context) {
	o, ok := s.orderByEdit(c)
	if !ok {
		return
	}
	req, err := request.Parse(strings.NewReader(string(o.Request)))
	if err != nil {
		s.log.Error("stored order unreadable", "order", o.ID, "err", errKind(err))
		s.message(c, http.StatusInternalServerError, codeInternal)
		return
	}
	d := &draft{State: stateFromRequest(req), Edit: c.Param("edit"), Print: string(o.Print), UI: c.Query("lang")}
	d.State.LogoID = o.LogoID
	id := newDraftID()
	if err := s.saveDraft(c, id, d); err != nil {
		s.log.Error("draft store", "err", errKind(err))
		s.message(c, http.StatusInternalServerError, codeInternal)
		return
	}
	c.Redirect(http.StatusSeeOther, "/d/"+id)
}

// stateFromRequest is the form as it would have been filled to make req.
func stateFromRequest(req *request.Request) formState {
	st := formState{MuniCode: req.Municipality.Code, MuniName: req.Municipality.Name,
		Topics: req.Topics, Languages: req.Languages, Paper: req.Paper, Formats: req.Formats, Output: outputDigital, QR: req.QR}
	if req.Print {
		st.Output = outputPrint
	}
	for _, c := range req.Contacts {
		row := contactRow{Role: vocab.Role(c.Role), Name: c.Name, Phone: c.Phone, Email: c.Email, Web: c.Web, Address: c.Address}
		for _, h := range c.Hours {
			from, to, _ := strings.Cut(h.Days, "-")
			row.Hours = append(row.Hours, hoursRow{FromDay: from, ToDay: to, Open: h.From, Close: h.To})
		}
		st.Contacts = append(st.Contacts, row)
	}
	return st
}
