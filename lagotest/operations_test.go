package lagotest

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lagoclient/lago-go/gen"
)

// Every operation of the spec is served: by its own handler, or, for the
// second verb Rails routes to an action, by its twin's.
func TestEveryOperationIsRouted(t *testing.T) {
	for id, op := range gen.Operations {
		if op.TwinOf != "" {
			assert.NotContains(t, handlers, id, "%s is a twin of %s", id, op.TwinOf)
			assert.Contains(t, handlers, op.TwinOf, "twin %s", id)
			continue
		}
		assert.Contains(t, handlers, id)
	}
	for id := range handlers {
		assert.Contains(t, gen.Operations, id)
	}
}
