package lago_test

import "github.com/lagoclient/lago-go/internal/fakelago"

// The fake Lago's mount point and key, used where a test builds its own
// client, server or expected path, or looks for the key.
const (
	basePath = fakelago.BasePath
	apiKey   = fakelago.APIKey
)
