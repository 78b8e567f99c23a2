package webhook

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseEvent(t *testing.T) {
	tests := []struct {
		name, body string
		want       *Event
	}{
		{"customer", testBody, &Event{
			Type: TypeCustomerCreated, ObjectType: "customer", OrganizationID: "1a901a90-1a90-1a90-1a90-1a901a901a90",
			Object: json.RawMessage(`{"lago_id":"99a6094e-199b-4101-896a-54e927ce7bd7","external_id":"acme","name":"Acme Inc."}`),
		}},
		{"a type and object this package does not know",
			`{"webhook_type":"plan.created","object_type":"plan","organization_id":"o","plan":{"code":"gold"}}`,
			&Event{Type: "plan.created", ObjectType: "plan", OrganizationID: "o", Object: json.RawMessage(`{"code":"gold"}`)}},
		{"the object under another key than object_type says",
			`{"webhook_type":"wallet.updated","object_type":"wallet","wallets":{}}`,
			&Event{Type: TypeWalletUpdated, ObjectType: "wallet"}},
		{"no object_type", `{"webhook_type":"x.y"}`, &Event{Type: "x.y"}},
		{"null fields", `{"webhook_type":"x.y","object_type":null,"organization_id":null}`, &Event{Type: "x.y"}},
		{"an object that is not an object", `{"webhook_type":"x.y","object_type":"x","x":[1,2]}`,
			&Event{Type: "x.y", ObjectType: "x", Object: json.RawMessage(`[1,2]`)}},
		{"surrounding space", " \n" + `{"webhook_type":"x.y"}` + "\n", &Event{Type: "x.y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseEvent([]byte(tt.body))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseEventNotAnEvent(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"empty", ``, "webhook: body is not a Lago event: not a JSON object"},
		{"not JSON", `webhook_type=customer.created`, "webhook: body is not a Lago event: not a JSON object"},
		{"null", `null`, "webhook: body is not a Lago event: not a JSON object"},
		{"array", `[{"webhook_type":"x"}]`, "webhook: body is not a Lago event: not a JSON object"},
		{"two objects", `{"webhook_type":"x"}{}`, "webhook: body is not a Lago event: not a JSON object"},
		{"no webhook_type", `{"object_type":"customer","customer":{}}`, "webhook: body is not a Lago event: no webhook_type string"},
		{"empty webhook_type", `{"webhook_type":""}`, "webhook: body is not a Lago event: no webhook_type string"},
		{"webhook_type a number", `{"webhook_type":1}`, "webhook: body is not a Lago event: no webhook_type string"},
		{"object_type a number", `{"webhook_type":"x","object_type":1}`, "webhook: body is not a Lago event: object_type is not a string"},
		{"organization_id an object", `{"webhook_type":"x","organization_id":{}}`, "webhook: body is not a Lago event: organization_id is not a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseEvent([]byte(tt.body))
			require.ErrorIs(t, err, ErrNotEvent)
			assert.EqualError(t, err, tt.want)
			assert.Nil(t, got)
		})
	}
}
