package lagotest

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// defaultPerPage is Lago's page size when per_page is not sent; it sets no
// maximum.
const defaultPerPage = 100

// paging is the page a list request asks for.
type paging struct {
	page, perPage int64
}

// pagingOf reads page and per_page; the spec check has already refused
// values that are not integers of at least 1.
func pagingOf(q url.Values) paging {
	p := paging{page: 1, perPage: defaultPerPage}
	if n, err := strconv.ParseInt(q.Get("page"), 10, 64); err == nil && n >= 1 {
		p.page = n
	}
	if n, err := strconv.ParseInt(q.Get("per_page"), 10, 64); err == nil && n >= 1 {
		p.perPage = n
	}
	return p
}

// paginate cuts one page out of items, which are already filtered and in
// order, and describes it the way Lago's pagination does: with no record
// at all every number is 0; past the last page the page is empty and has
// neither a next nor a previous page.
func paginate[T any](items []T, p paging) ([]T, gen.PaginationMeta) {
	return paginateCounted(items, int64(len(items)), p)
}

// paginateCounted is paginate with meta counting total records, which
// can be more than items holds, as when Lago serves a count it cached
// for a wider list: the pages between the end of items and the last
// counted page are empty and still have a next page.
func paginateCounted[T any](items []T, total int64, p paging) ([]T, gen.PaginationMeta) {
	lo, hi, meta := pageWindow(total, p)
	n := int64(len(items))
	if lo >= n {
		return []T{}, meta
	}
	return items[lo:min(hi, n)], meta
}

// pageWindow is where page p starts and ends among total records, from
// 0, end excluded, and its pagination meta. With no record at all every
// number is 0; past the last page the window is empty and there is
// neither a next nor a previous page.
func pageWindow(total int64, p paging) (lo, hi int64, meta gen.PaginationMeta) {
	if total == 0 {
		return 0, 0, gen.PaginationMeta{}
	}
	pages := total / p.perPage
	if total%p.perPage != 0 {
		pages++
	}
	meta = gen.PaginationMeta{CurrentPage: p.page, TotalPages: pages, TotalCount: total}
	if p.page > pages {
		return 0, 0, meta
	}
	if p.page < pages {
		next := p.page + 1
		meta.NextPage = &next
	}
	if p.page > 1 {
		prev := p.page - 1
		meta.PrevPage = &prev
	}
	lo = (p.page - 1) * p.perPage
	hi = total
	if p.perPage < total-lo {
		hi = lo + p.perPage
	}
	return lo, hi, meta
}

// newestFirst orders records by creation time, newest first, then by
// lago_id, as Lago's lists do.
func newestFirst(aAt, bAt time.Time, aID, bID string) int {
	if c := bAt.Compare(aAt); c != 0 {
		return c
	}
	return strings.Compare(aID, bID)
}
