package lago

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
)

// listPage fetches one page of a list. Its optsErr is what checking the
// caller's options found; nothing is sent when it is not nil.
func listPage[P any](ctx context.Context, c *Client, op *operation, optsErr error, send sender, pathArgs ...string) (*P, error) {
	if optsErr != nil {
		return nil, fmt.Errorf("lago: %s: %w", op, optsErr)
	}
	return call[P](ctx, c, op, send, pathArgs...)
}

// walk iterates over every item of a paged list, fetching page after page
// as the loop goes on, following meta.next_page. The params are the
// generated parameters the caller's options built, page says where they
// keep the page (nil lets Lago start at the first), and send sends one
// request with them. Memory holds one decoded page at a time, decoded item by item as
// it arrives (see pageStream). On the first error walk yields (nil, err)
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
func walk[T, P any](ctx context.Context, c *Client, op *operation, optsErr error, params *P, page func(*P) **int64, send func(context.Context, *P) (*http.Response, error), pathArgs ...string) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if optsErr != nil {
			yield(nil, fmt.Errorf("lago: %s: %w", op, optsErr))
			return
		}
		p := *params
		sendPage := func(ctx context.Context) (*http.Response, error) { return send(ctx, &p) }
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

func checkPaging(page, perPage int) error {
	if page < 0 || perPage < 0 {
		return fmt.Errorf("%w: page and per_page must not be negative", ErrInvalidArgument)
	}
	return nil
}

// checkMetadataKey refuses keys that Rails cannot read back out of
// metadata[<key>]=<value>.
func checkMetadataKey(k string) error {
	if k == "" || strings.ContainsAny(k, "[]") {
		return fmt.Errorf("%w: metadata filter key %q must be non-empty and free of brackets", ErrInvalidArgument, k)
	}
	return nil
}

func optionalInt(n int) *int64 {
	if n == 0 {
		return nil
	}
	v := int64(n)
	return &v
}

// optionalString is nil for "", so that an unset string or enum option
// sends nothing.
func optionalString[S ~string](s S) *S {
	if s == "" {
		return nil
	}
	return &s
}
