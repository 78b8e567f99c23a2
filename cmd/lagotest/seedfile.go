package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/lagoclient/lago-go/lagotest"
)

// readSeedFile reads the -seed file: JSON, or YAML when its name ends in
// .yaml or .yml. YAML is turned into JSON first, so that both are decoded
// by lagotest.DecodeSeed, which refuses unknown fields.
func readSeedFile(name string) (lagotest.Seed, error) {
	if name == "" {
		return lagotest.Seed{}, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return lagotest.Seed{}, fmt.Errorf("read the seed file: %w", err)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		if data, err = yamlToJSON(data); err != nil {
			return lagotest.Seed{}, fmt.Errorf("%s: %w", name, err)
		}
	}
	seed, err := lagotest.DecodeSeed(data)
	if err != nil {
		return lagotest.Seed{}, fmt.Errorf("%s: %w", name, err)
	}
	return seed, nil
}

// yamlToJSON converts one YAML document to JSON. Scalars YAML would read
// as timestamps stay strings, so dates keep the form they were written in.
func yamlToJSON(data []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("yaml: %w", err)
	}
	if len(doc.Content) == 0 {
		return []byte("{}"), nil
	}
	v, err := fromNode(doc.Content[0])
	if err != nil {
		return nil, err
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("yaml: %w", err)
	}
	return out, nil
}

func fromNode(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return fromNode(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := fromNode(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := fromNode(c)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str", "!!timestamp", "!!binary":
			return n.Value, nil
		case "!!int", "!!float":
			return json.Number(n.Value), nil
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, fmt.Errorf("yaml line %d: %w", n.Line, err)
		}
		return v, nil
	}
	return nil, fmt.Errorf("yaml line %d: unsupported node", n.Line)
}
