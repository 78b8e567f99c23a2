package openapi

import _ "embed" // the control API's description travels inside the binary too

//go:embed lagotest-control.yaml
var controlSpec []byte

// ControlYAML returns the contents of lagotest-control.yaml, the
// description of cmd/lagotest's control API. Each call returns a fresh
// copy.
func ControlYAML() []byte { return append([]byte(nil), controlSpec...) }
