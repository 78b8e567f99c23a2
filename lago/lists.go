package lago

import (
	"context"
	"iter"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

// customerList is a paged list of one customer's records: the operation,
// the generated call that sends it, and where its parameters keep the
// page. One value per list is all a resource file declares; listOne and
// listAll shape every call of it.
type customerList[P any] struct {
	op   *operation
	call func(*gen.ClientWithResponses, context.Context, string, *P, ...gen.RequestEditorFn) (*http.Response, error)
	page func(*P) **int64
}

// listOptions is a list's options type: it builds the generated
// parameters, never nil, and says what is wrong with the options.
type listOptions[P any] interface {
	params() (*P, error)
}

// send sends the list's request for the customer with p.
func (l customerList[P]) send(c *Client, externalCustomerID string) func(context.Context, *P) (*http.Response, error) {
	return func(ctx context.Context, p *P) (*http.Response, error) {
		return l.call(c.gen, ctx, externalCustomerID, p)
	}
}

// listOne fetches the page of the list that opts selects.
func listOne[Page, P any, O listOptions[P]](ctx context.Context, c *Client, l customerList[P], externalCustomerID string, opts O) (*Page, error) {
	p, err := opts.params()
	send := l.send(c, externalCustomerID)
	return listPage[Page](ctx, c, l.op, err, func(ctx context.Context) (*http.Response, error) { return send(ctx, p) }, externalCustomerID)
}

// listAll iterates over the whole list that opts selects, from opts' page,
// as walk does. The options are read here, once: changing a field of them
// afterwards changes no range of the iterator (the contents of a slice or
// map field are shared, not copied).
func listAll[T, P any, O listOptions[P]](ctx context.Context, c *Client, l customerList[P], externalCustomerID string, opts O) iter.Seq2[*T, error] {
	p, err := opts.params()
	return walk[T](ctx, c, l.op, err, p, l.page, l.send(c, externalCustomerID), externalCustomerID)
}

// pageParams sets the page fields of a list's generated parameters from
// the caller's Page and PerPage, refusing negative ones.
func pageParams(page, perPage int, p, pp **int64) error {
	*p, *pp = optionalInt(page), optionalInt(perPage)
	return checkPaging(page, perPage)
}
