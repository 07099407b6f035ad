package request

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// encoding/json merges duplicate keys (the last one wins) and matches keys
// case-insensitively ("Languages" fills Languages), although it refuses
// unknown ones. A request means what it says only if every key is exactly
// a field's name and appears once, so Parse walks the input first with
// checkKeys and refuses both, naming the key by its path.

// maxDepth bounds how deeply JSON may nest: the schema needs 4 levels, and
// a walk of "[[[[…" must not grow the stack with the input.
const maxDepth = 32

// keyError is a key that the strict walk refuses.
type keyError struct {
	path   string
	code   Code
	offset int64 // where the key starts in the input
}

func (e *keyError) Error() string {
	if e.code == CodeDuplicateKey {
		return fmt.Sprintf("key %q appears twice", e.path)
	}
	return fmt.Sprintf("unknown field %q", e.path)
}

var errTooDeep = errors.New("JSON nested too deeply")

// checkKeys walks data as a value of type t and returns a *keyError for
// the first duplicate or unknown key, errTooDeep, or nil. Malformed JSON
// is left to the decoder, which reports it with its position: checkKeys
// then returns nil.
func checkKeys(data []byte, t reflect.Type) error {
	w := keyWalker{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	w.dec.UseNumber()
	err := w.value("", t, 0)
	var ke *keyError
	if errors.As(err, &ke) || errors.Is(err, errTooDeep) {
		return err
	}
	return nil
}

type keyWalker struct {
	data []byte
	dec  *json.Decoder
}

func (w *keyWalker) value(path string, t reflect.Type, depth int) error {
	if depth > maxDepth {
		return errTooDeep
	}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		fields := jsonFields(t)
		seen := map[string]bool{}
		for w.dec.More() {
			kt, err := w.dec.Token()
			if err != nil {
				return err
			}
			key, _ := kt.(string)
			field := key
			if path != "" {
				field = path + "." + key
			}
			switch ft, known := fields[key]; {
			case seen[key]:
				return &keyError{path: field, code: CodeDuplicateKey, offset: w.keyStart(key)}
			case fields != nil && !known:
				return &keyError{path: field, code: CodeUnknownField, offset: w.keyStart(key)}
			default:
				seen[key] = true
				if err := w.value(field, ft, depth+1); err != nil {
					return err
				}
			}
		}
		_, err = w.dec.Token()
		return err
	case json.Delim('['):
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for i := 0; w.dec.More(); i++ {
			if err := w.value(fmt.Sprintf("%s[%d]", path, i), elem, depth+1); err != nil {
				return err
			}
		}
		_, err = w.dec.Token()
		return err
	}
	return nil
}

// keyStart finds where the key just read begins.
func (w *keyWalker) keyStart(key string) int64 {
	end := w.dec.InputOffset()
	quoted, _ := json.Marshal(key)
	if i := bytes.LastIndex(w.data[:end], quoted); i >= 0 {
		return int64(i)
	}
	return end
}

// jsonFields maps the JSON names of a struct type's fields to their
// types; nil for a type that is not a struct (its keys are not checked
// against names, only for duplicates).
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}
