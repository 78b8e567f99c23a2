package lago

import (
	"net/http"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/codec"
)

// decodeJSON decodes a 200 JSON response into a new T, which must carry op's
// envelope; internal/codec does the work with the decoders generated in
// package gen, a page item by item as it arrives.
func decodeJSON[T any](op *operation, rsp *http.Response) (*T, error) {
	if err := checkJSON200(rsp); err != nil {
		return nil, err
	}
	return codec.Decode[T](rsp.Body, rsp.ContentLength, gen.Codec, codec.Envelope{Keys: op.envelope, NullOK: op.nullEnvelope})
}

// streamedPage is one page of a list as the All* iterators read it: its
// items and its position.
type streamedPage[T any] struct {
	items []T
	meta  PaginationMeta
}

// pageStream decodes the pages of one walk with codec.DecodePage, the
// page decoder of List… too, keeping its window from page to page.
type pageStream[T any] struct {
	s *codec.Stream
}

func (p *pageStream[T]) decode(op *operation, rsp *http.Response) (*streamedPage[T], error) {
	if err := checkJSON200(rsp); err != nil {
		return nil, err
	}
	if p.s == nil {
		p.s = codec.NewStream(gen.Codec.Fast)
	}
	p.s.Reset(rsp.Body)
	defer p.s.Reset(nil)
	page := &streamedPage[T]{}
	if err := codec.DecodePage(p.s, op.items, &page.items, &page.meta); err != nil {
		return nil, err
	}
	return page, nil
}
