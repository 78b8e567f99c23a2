package specval

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pathRouter must route every request exactly as gorillamux does: same
// route, same escaped parameters, same error.
func TestPathRouterRoutesAsGorillaMux(t *testing.T) {
	for _, base := range []string{"/api/v1", "", "/mount/lago/api/v1", "/with%20space", "/with space"} {
		t.Run(base, func(t *testing.T) {
			doc, err := Load(t.Context())
			require.NoError(t, err)
			doc.Servers = openapi3.Servers{{URL: base}}
			mux, err := gorillamux.NewRouter(doc)
			require.NoError(t, err)
			paths := newPathRouter(doc, base)
			require.NotNil(t, paths)

			ids := []string{"acme", "a%2Fb", "john@acme%2Ecom", "%C3%A9t%C3%A9", "a.b", "x%20y", "%", "a+b", ""}
			var targets []string
			for _, p := range doc.Paths.InMatchingOrder() {
				for _, id := range ids {
					filled := p
					for strings.Contains(filled, "{") {
						i, j := strings.Index(filled, "{"), strings.Index(filled, "}")
						filled = filled[:i] + id + filled[j+1:]
					}
					targets = append(targets, base+filled, base+filled+"/", base+filled+"?page=2", "/other"+filled, base+"/"+filled)
				}
			}
			targets = append(targets, "/", base, base+"/", base+"//customers", "/API/V1/customers")
			for _, target := range targets {
				for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, "get"} {
					req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/", nil)
					u, err := req.URL.Parse(target)
					if err != nil {
						continue
					}
					req.URL, req.Method = u, method
					wantRoute, wantVars, wantErr := mux.FindRoute(req)
					gotRoute, gotVars, gotErr := paths.FindRoute(req)
					require.Equal(t, wantErr, gotErr, "%s %s", method, target)
					if wantErr != nil {
						continue
					}
					assert.Equal(t, wantRoute.Path, gotRoute.Path, "%s %s", method, target)
					assert.Same(t, wantRoute.Operation, gotRoute.Operation, "%s %s", method, target)
					assert.Same(t, wantRoute.PathItem, gotRoute.PathItem, "%s %s", method, target)
					assert.Same(t, wantRoute.Server, gotRoute.Server, "%s %s", method, target)
					assert.Equal(t, wantRoute.Method, gotRoute.Method, "%s %s", method, target)
					assert.Equal(t, wantVars, gotVars, "%s %s", method, target)
				}
			}
		})
	}
}
