package specval

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// pathRouter finds routes as kin-openapi's gorillamux router does, for a
// spec whose path parameters each fill a whole segment, without its
// regular expressions and their allocations: the same paths in the same
// order, the first whose template matches the escaped path wins, and its
// method then has an operation or the request has no route.
type pathRouter struct {
	routes []pathRoute
}

type pathRoute struct {
	// segments are the template's segments after the leading slash, base
	// path included; params[i] is the parameter segment i names, or "".
	segments []string
	params   []string
	route    routers.Route
}

// newPathRouter returns nil when the spec or the base path has a form it
// does not route exactly as gorillamux, which then keeps routing.
func newPathRouter(doc *openapi3.T, basePath string) *pathRouter {
	if len(doc.Servers) != 1 || strings.ContainsAny(basePath, "{}") {
		return nil
	}
	u, err := url.Parse(basePath)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return nil
	}
	base := strings.TrimSuffix(u.EscapedPath(), "/")
	r := &pathRouter{}
	for _, path := range doc.Paths.InMatchingOrder() {
		full := base + path
		if !strings.HasPrefix(full, "/") {
			return nil
		}
		pr := pathRoute{route: routers.Route{Spec: doc, Server: doc.Servers[0], Path: path, PathItem: doc.Paths.Value(path)}}
		for _, seg := range strings.Split(full[1:], "/") {
			name := ""
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				name = seg[1 : len(seg)-1]
				if name == "" || strings.ContainsAny(name, "{}:") {
					return nil
				}
			} else if strings.ContainsAny(seg, "{}") {
				return nil
			}
			pr.segments = append(pr.segments, seg)
			pr.params = append(pr.params, name)
		}
		r.routes = append(r.routes, pr)
	}
	return r
}

// FindRoute is gorillamux's FindRoute; the parameters are still escaped.
func (r *pathRouter) FindRoute(req *http.Request) (*routers.Route, map[string]string, error) {
	path := req.URL.EscapedPath()
	if !strings.HasPrefix(path, "/") {
		return nil, nil, routers.ErrPathNotFound
	}
	path = path[1:]
	for i := range r.routes {
		pr := &r.routes[i]
		if !pr.matches(path) {
			continue
		}
		route := pr.route
		route.Method = req.Method
		route.Operation = route.PathItem.GetOperation(req.Method)
		if route.Operation == nil {
			return nil, nil, routers.ErrMethodNotAllowed
		}
		vars := make(map[string]string, 2)
		rest := path
		for j := range pr.segments {
			seg, after, _ := strings.Cut(rest, "/")
			if pr.params[j] != "" {
				vars[pr.params[j]] = seg
			}
			rest = after
		}
		return &route, vars, nil
	}
	return nil, nil, routers.ErrPathNotFound
}

// matches reports whether path, without its leading slash, has the
// template's segments: literal ones equal, parameters not empty.
func (pr *pathRoute) matches(path string) bool {
	rest := path
	for j, want := range pr.segments {
		seg, after, found := strings.Cut(rest, "/")
		last := j == len(pr.segments)-1
		if found == last {
			return false
		}
		if pr.params[j] == "" && seg != want || pr.params[j] != "" && seg == "" {
			return false
		}
		rest = after
	}
	return true
}
