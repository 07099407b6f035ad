package web

import (
	"errors"
	"io"
	"mime"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
)

// Reading a form post without losing it: a logo that is too large must
// not cost the communicator everything else they typed. So the form is
// read part by part: text fields are kept (bounded in number and size),
// the logo's first maxLogoBytes+1 bytes are kept and the rest of a larger
// file is read past and dropped. Only a post over maxFormReadBytes in all
// is refused whole (413), and its page leads back to the saved draft.

const (
	maxFormReadBytes  = 64 << 20 // read through, never held: a logo may be 10 MB by mistake
	maxFieldBytes     = 1 << 20  // every text field together
	maxFields         = 2000
	errFormUnreadable = formReadError("unreadable form")
)

type formReadError string

func (e formReadError) Error() string { return string(e) }

// postedForm is a form post as read: the fields, and the logo if one was
// chosen.
type postedForm struct {
	in          formInput
	logo        []byte // at most maxLogoBytes+1
	logoChosen  bool
	logoTooBig  bool
	logoAnyData bool
}

// readForm reads a multipart or URL-encoded form post.
func readForm(c *gin.Context) (*postedForm, error) {
	pf := &postedForm{}
	mt, params, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil {
		return nil, errFormUnreadable
	}
	vals := url.Values{}
	switch mt {
	case "application/x-www-form-urlencoded":
		data, err := io.ReadAll(io.LimitReader(c.Request.Body, maxFieldBytes+1))
		if err != nil {
			return nil, err
		}
		if len(data) > maxFieldBytes {
			return nil, errTooLargeForm
		}
		if vals, err = url.ParseQuery(string(data)); err != nil {
			return nil, errFormUnreadable
		}
	case "multipart/form-data":
		if params["boundary"] == "" {
			return nil, errFormUnreadable
		}
		if err := readMultipart(c, vals, pf); err != nil {
			return nil, err
		}
	default:
		return nil, errFormUnreadable
	}
	c.Request.PostForm = vals // what csrfValid reads the token from
	if err := binding.MapFormWithTag(&pf.in, vals, "form"); err != nil {
		return nil, errFormUnreadable
	}
	return pf, nil
}

var errTooLargeForm = errors.New("form too large")

func readMultipart(c *gin.Context, vals url.Values, pf *postedForm) error {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return errFormUnreadable
	}
	fieldBytes, fields := 0, 0
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			if isTooLarge(err) {
				return errTooLargeForm
			}
			return errFormUnreadable
		}
		name := part.FormName()
		if part.FileName() != "" || name == "logo" {
			if name != "logo" {
				if _, err := io.Copy(io.Discard, part); err != nil {
					return readErr(err)
				}
				continue
			}
			data, err := io.ReadAll(io.LimitReader(part, maxLogoBytes+1))
			if err != nil {
				return readErr(err)
			}
			n, err := io.Copy(io.Discard, part)
			if err != nil {
				return readErr(err)
			}
			if part.FileName() != "" || len(data) > 0 {
				pf.logoChosen = true
				pf.logoAnyData = len(data) > 0
				pf.logoTooBig = len(data) > maxLogoBytes || n > 0
				if !pf.logoTooBig {
					pf.logo = data
				}
			}
			continue
		}
		fields++
		data, err := io.ReadAll(io.LimitReader(part, int64(maxFieldBytes-fieldBytes+1)))
		if err != nil {
			return readErr(err)
		}
		fieldBytes += len(data)
		if fieldBytes > maxFieldBytes || fields > maxFields {
			return errTooLargeForm
		}
		vals[name] = append(vals[name], strings.ToValidUTF8(string(data), "\uFFFD"))
	}
}

func readErr(err error) error {
	if isTooLarge(err) {
		return errTooLargeForm
	}
	return errFormUnreadable
}
