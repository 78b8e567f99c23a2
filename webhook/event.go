package webhook

import (
	"encoding/json"
	"fmt"
)

// Event is one delivery from Lago: its envelope, and its object as raw
// JSON. Every event Lago signs is returned, including types this package
// has no constant for; switch on Type and decode Object yourself.
type Event struct {
	// Type is the event's webhook_type, such as "customer.created" (see
	// the Type constants).
	Type string
	// ObjectType is the event's object_type: the name of the body's key
	// that holds the object, such as "customer" or "wallet_transaction".
	ObjectType string
	// OrganizationID is the id of the Lago organization that sent it.
	OrganizationID string
	// UniqueKey is the X-Lago-Unique-Key header: the same on every retry
	// of one event, so the key to drop duplicates on (see Deduplicator).
	// It is not covered by the signature.
	UniqueKey string
	// Object is the value under the ObjectType key, as raw JSON; nil when
	// the body has no such key.
	Object json.RawMessage
}

// parseEvent reads the envelope of a verified body. Only a body that is not
// a JSON object, or has no webhook_type string, is an error; fields of
// other types than the envelope's are left for the caller to judge.
func parseEvent(body []byte) (*Event, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return nil, fmt.Errorf("%w: not a JSON object", ErrNotEvent)
	}
	ev := &Event{}
	if !str(fields["webhook_type"], &ev.Type) || ev.Type == "" {
		return nil, fmt.Errorf("%w: no webhook_type string", ErrNotEvent)
	}
	if !str(fields["object_type"], &ev.ObjectType) {
		return nil, fmt.Errorf("%w: object_type is not a string", ErrNotEvent)
	}
	if !str(fields["organization_id"], &ev.OrganizationID) {
		return nil, fmt.Errorf("%w: organization_id is not a string", ErrNotEvent)
	}
	if ev.ObjectType != "" {
		ev.Object = fields[ev.ObjectType]
	}
	return ev, nil
}

// str stores the JSON string raw in s. An absent field or null leaves s
// empty and counts as a string; any other JSON value does not.
func str(raw json.RawMessage, s *string) bool {
	if raw == nil {
		return true
	}
	return json.Unmarshal(raw, s) == nil
}
