package lagotest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/lagoclient/lago-go/gen"
)

// Lago's limits on wallet metadata.
const (
	maxMetadataKeys     = 50
	maxMetadataKey      = 100
	maxMetadataValueLen = 255
)

// metadataProblems checks Lago's limits on a metadata object and returns
// its reasons, which Lago's model reports under "value" in English. The
// values that are not strings (see metadataBody) come first, in key order.
func metadataProblems(md gen.WalletMetadata, notStrings []string) []string {
	var out []string
	for _, k := range notStrings {
		out = append(out, valueProblem(k))
	}
	if len(md) > maxMetadataKeys {
		out = append(out, fmt.Sprintf("cannot have more than %d keys", maxMetadataKeys))
	}
	for _, k := range slices.Sorted(maps.Keys(md)) {
		if utf8.RuneCountInString(k) > maxMetadataKey {
			out = append(out, fmt.Sprintf("key '%s' must be a String up to %d characters", k, maxMetadataKey))
		}
		if v := md[k]; v != nil && utf8.RuneCountInString(*v) > maxMetadataValueLen {
			out = append(out, valueProblem(k))
		}
	}
	return out
}

// valueProblem is the model's reason for a value that is too long or not
// a string.
func valueProblem(key string) string {
	return fmt.Sprintf("value for key '%s' must be empty or a String up to %d characters", key, maxMetadataValueLen)
}

func cloneMetadata(md gen.WalletMetadata) gen.WalletMetadata {
	if md == nil {
		return nil
	}
	out := make(gen.WalletMetadata, len(md))
	for k, v := range md {
		if v != nil {
			s := *v
			v = &s
		}
		out[k] = v
	}
	return out
}

type metadataEnvelope struct {
	Metadata gen.WalletMetadata `json:"metadata"`
}

// nestedWallet finds the wallet of a metadata or alert route: the
// customer's active wallet with the code, else any wallet with it.
func (s *Server) nestedWallet(c *call) (*wallet, response, bool) {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return nil, notFound(codeCustomerNotFound), false
	}
	w, ok := cust.activeWalletByCode(c.path["wallet_code"])
	if !ok {
		return nil, notFound(codeWalletNotFound), false
	}
	return w, response{}, true
}

// metadataBody reads {"metadata": {...}}; sent is false when the key is
// absent or null, which Lago takes as "change nothing". Rails' parameters
// let any JSON value through in the object, and Lago's model then refuses
// those that are not strings or null: notStrings lists their keys, sorted,
// and md holds the others; ok is false when metadata is not an object.
func metadataBody(body []byte) (md gen.WalletMetadata, notStrings []string, sent, ok bool) {
	if len(body) == 0 {
		return nil, nil, false, true
	}
	var in map[string]json.RawMessage
	if json.Unmarshal(body, &in) != nil {
		return nil, nil, false, false
	}
	raw, present := in["metadata"]
	if !present || string(raw) == "null" {
		return nil, nil, false, true
	}
	var values map[string]json.RawMessage
	if json.Unmarshal(raw, &values) != nil || values == nil {
		return nil, nil, false, false
	}
	md = make(gen.WalletMetadata, len(values))
	for _, k := range slices.Sorted(maps.Keys(values)) {
		var v *string
		if json.Unmarshal(values[k], &v) != nil {
			notStrings = append(notStrings, k)
			continue
		}
		md[k] = v
	}
	return md, notStrings, true, true
}

// writeMetadata runs a metadata change through the wallet update, as Lago
// does: a terminated wallet is refused, and the wallet's billable-metric
// restriction is reconciled with the list the update carries, which is
// none (inferred from Lago's code).
func (s *Server) writeMetadata(c *call, change func(w *wallet, md gen.WalletMetadata, sent bool) gen.WalletMetadata) response {
	w, rep, ok := s.nestedWallet(c)
	if !ok {
		return rep
	}
	md, notStrings, sent, ok := metadataBody(c.body)
	if !ok {
		return badRequest("the metadata is not an object")
	}
	if !w.active() {
		return terminatedWallet()
	}
	next := change(w, md, sent)
	if problems := metadataProblems(next, notStrings); len(problems) > 0 {
		return validationFailed(fieldErrors{"value": problems})
	}
	w.Metadata = next
	w.AppliesTo.BillableMetricCodes = []string{}
	s.emitWallet(eventWalletUpdated, w)
	return okResponse(metadataEnvelope{cloneMetadata(w.Metadata)})
}

func (s *Server) replaceWalletMetadata(c *call) response {
	return s.writeMetadata(c, func(w *wallet, md gen.WalletMetadata, sent bool) gen.WalletMetadata {
		if !sent {
			return w.Metadata
		}
		return cloneMetadata(md)
	})
}

// mergeWalletMetadata is a shallow merge; a key sent with null keeps a
// null value.
func (s *Server) mergeWalletMetadata(c *call) response {
	return s.writeMetadata(c, func(w *wallet, md gen.WalletMetadata, sent bool) gen.WalletMetadata {
		if !sent || len(md) == 0 {
			return w.Metadata
		}
		next := cloneMetadata(w.Metadata)
		if next == nil {
			next = gen.WalletMetadata{}
		}
		maps.Copy(next, cloneMetadata(md))
		return next
	})
}

func (s *Server) deleteWalletMetadata(c *call) response {
	return s.writeMetadata(c, func(*wallet, gen.WalletMetadata, bool) gen.WalletMetadata { return nil })
}

// deleteWalletMetadataKey removes one key without the wallet update: it
// works on terminated wallets and keeps the restrictions.
func (s *Server) deleteWalletMetadataKey(c *call) response {
	w, rep, ok := s.nestedWallet(c)
	if !ok {
		return rep
	}
	if w.Metadata == nil {
		return notFound(codeMetadataNotFound)
	}
	delete(w.Metadata, c.path["key"])
	return okResponse(metadataEnvelope{cloneMetadata(w.Metadata)})
}
