package tomldata

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Decode decodes text, the file name, into v. An error names the file,
// and for a key v has no field for, the key ("unknown key line.phone").
func Decode(name, text string, v any) error {
	dec := toml.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var strict *toml.StrictMissingError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &strict) && len(strict.Errors) > 0:
		return fmt.Errorf("%s: unknown key %s", name, strings.Join(strict.Errors[0].Key(), "."))
	}
	return fmt.Errorf("%s: %w", name, err)
}
