package lago

import "github.com/lagoclient/lago-go/gen"

// operation is one operation of the spec as a call uses it, made from its
// entry in the generated table (gen.Operations). Errors and logs name
// operations by method and path template, never by the concrete URL, so
// they carry no customer data.
type operation struct {
	id     string   // Lago's operationId
	method string   // HTTP method
	path   string   // path template, relative to the API root
	name   string   // method and path template, e.g. "GET /customers"
	params []string // the {names} of the path template, in order
	// envelope holds the keys a 200 response must carry, not null: the
	// resource's key, or a list's items key and "meta".
	envelope []string
	// nullEnvelope lets the envelope keys hold null, for the operations
	// whose response is null when there is nothing (wallet metadata).
	nullEnvelope bool
	// notRepeatable marks an operation that a second delivery would
	// repeat (a wallet or an alert created twice): it is sent again only
	// when the first attempt surely did not reach Lago. See retryAfter.
	notRepeatable bool
	// items is a paged list's items key, e.g. "customers"; empty for an
	// operation that is not a list.
	items string
}

// newOperation describes the operation with this id of the generated
// table. An id the table lacks is a bug that stops the package from
// loading, so that no test run misses it.
func newOperation(id string) *operation {
	op, ok := gen.Operations[id]
	if !ok {
		panic("lago: no operation " + id + " in openapi/lago.yaml")
	}
	return &operation{
		id: op.ID, method: op.Method, path: op.Path, name: op.Method + " " + op.Path, params: op.Params,
		envelope: op.Envelope, nullEnvelope: op.NullableEnvelope, notRepeatable: op.NotRepeatable, items: op.Items,
	}
}

// newVariant describes the operation with this id when its 200 response is
// the variant with this schema name: one operation, two envelopes, as
// creating one wallet alert or a batch of them.
func newVariant(id, schema string) *operation {
	op := newOperation(id)
	for _, v := range gen.Operations[id].Variants {
		if v.Schema == schema {
			op.envelope, op.nullEnvelope = v.Envelope, v.NullableEnvelope
			return op
		}
	}
	panic("lago: operation " + id + " has no response variant " + schema)
}

func (o *operation) String() string { return o.name }
