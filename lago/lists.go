package lago

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

// list is a paged list of the API: its operation, and where its generated
// parameters P keep the page. One value per list is all a resource file
// declares; listPage and listAll make every call of it, the List… method
// and the All… iterator alike.
type list[P any] struct {
	op   *operation
	page func(*P) **int64
}

// newList describes the list whose operation has this id in the generated
// table.
func newList[P any](id string, page func(*P) **int64) list[P] {
	return list[P]{op: newOperation(id), page: page}
}

// listOptions is a list's options type: it builds the generated
// parameters, never nil, and says what is wrong with the options.
type listOptions[P any] interface {
	params() (*P, error)
}

// pageSender sends a list's request with p through the generated client g,
// the list's path arguments already applied.
type pageSender[P any] func(ctx context.Context, g *gen.Client, p *P) (*http.Response, error)

// listPage fetches the page of the list that opts selects. Nothing is sent
// when the options are wrong.
func listPage[Page, P any](ctx context.Context, c *Client, l list[P], opts listOptions[P], send pageSender[P], pathArgs ...string) (*Page, error) {
	p, err := opts.params()
	if err != nil {
		return nil, fmt.Errorf("lago: %s: %w", l.op, err)
	}
	return call[Page](ctx, c, l.op, func(ctx context.Context, g *gen.Client) (*http.Response, error) { return send(ctx, g, p) }, pathArgs...)
}

// listAll iterates over the whole list that opts selects, from opts' page,
// as walk does. The options are read here, once: changing a field of them
// afterwards changes no range of the iterator (the contents of a slice or
// map field are shared, not copied).
func listAll[T, P any](ctx context.Context, c *Client, l list[P], opts listOptions[P], send pageSender[P], pathArgs ...string) iter.Seq2[*T, error] {
	p, err := opts.params()
	return walk[T](ctx, c, l.op, err, p, l.page, send, pathArgs...)
}

// walk iterates over every item of a paged list, fetching page after page
// as the loop goes on, following meta.next_page. The params are the
// generated parameters the caller's options built, page says where they
// keep the page (nil lets Lago start at the first), and send sends one
// request with them. Memory holds one decoded page at a time, decoded item
// by item as it arrives (see pageStream). On the first error walk yields (nil, err)
// and stops; optsErr, when not nil, is that error before anything is sent.
// A yielded item stays valid after the loop moves on.
//
// Each range of the iterator pages through its own copy of params, so
// that ranging it again starts over from the options' page and ranges
// running at once share nothing; params themselves are only read. The
// copy is shallow: the generated client only reads the slices and maps it
// shares with params.
//
// The walk ends at the first page without items, whatever next_page says:
// Lago's invoice list can count the whole organization's invoices for one
// customer and go on announcing next pages long after the customer's
// last one. A page shorter than per_page does not end it: Lago has no
// per_page maximum today, but a server or proxy that capped it would send
// short pages in the middle of the list, and stopping there would drop
// the rest without a word. Going on costs at most one request, for an
// empty page.
func walk[T, P any](ctx context.Context, c *Client, op *operation, optsErr error, params *P, page func(*P) **int64, send pageSender[P], pathArgs ...string) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if optsErr != nil {
			yield(nil, fmt.Errorf("lago: %s: %w", op, optsErr))
			return
		}
		p := *params
		sendPage := func(ctx context.Context, g *gen.Client) (*http.Response, error) { return send(ctx, g, &p) }
		var stream pageStream[T]
		for {
			got, err := exchange(ctx, c, op, sendPage, pathArgs, stream.decode)
			if err != nil {
				yield(nil, err)
				return
			}
			if len(got.items) == 0 {
				return
			}
			for i := range got.items {
				if !yield(&got.items[i], nil) {
					return
				}
			}
			requested := 0
			if n := *page(&p); n != nil {
				requested = int(*n)
			}
			next, err := nextPage(op, requested, got.meta)
			if err != nil {
				yield(nil, err)
				return
			}
			if next == 0 {
				return
			}
			*page(&p) = optionalInt(next)
		}
	}
}

// nextPage reads the page after the one requested (0 meaning the first)
// from meta, and returns 0 when there is none: next_page null, or 0 as
// some proxies and fixtures send it. A next_page that does not move
// forward would loop for ever, so it is an error.
func nextPage(op *operation, requested int, meta PaginationMeta) (int, error) {
	if meta.NextPage == nil || *meta.NextPage == 0 {
		return 0, nil
	}
	current := max(requested, 1)
	if *meta.NextPage <= int64(current) {
		return 0, fmt.Errorf("lago: %s: %w: next_page %d does not follow page %d", op, ErrBadResponse, *meta.NextPage, current)
	}
	return int(*meta.NextPage), nil
}
