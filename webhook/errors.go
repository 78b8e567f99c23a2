package webhook

import "errors"

// ErrInvalidSignature is matched by errors.Is for every request the
// [Verifier] refuses: a signature that does not verify, an algorithm that
// is not enabled, a malformed, ambiguous or oversized header or token. The
// errors never quote the token or the body, so they are safe to log.
var ErrInvalidSignature = errors.New("webhook: invalid signature")

// ErrNotEvent is matched by errors.Is when a body was signed by Lago but is
// not an event: not a JSON object, or without a webhook_type string.
// [Handler] answers it with 400.
var ErrNotEvent = errors.New("webhook: body is not a Lago event")

// ErrKeyUnavailable is matched by errors.Is when a JWT could not be checked
// because Lago's public key could not be fetched. It is not the sender's
// fault: [Handler] answers 503 so that Lago delivers the event again.
var ErrKeyUnavailable = errors.New("webhook: Lago's public key is unavailable")

// ErrPanic is matched by errors.Is for the error [Handler] reports to the
// function given by [WithErrorLog] when the event function panicked.
var ErrPanic = errors.New("webhook: event function panicked")

// refusal is an error matching ErrInvalidSignature. Its reason is a fixed
// phrase written here, never text taken from the request.
type refusal string

func (r refusal) Error() string { return "webhook: invalid signature: " + string(r) }

// Is makes every refusal match ErrInvalidSignature.
func (refusal) Is(target error) bool { return target == ErrInvalidSignature }

// refuse returns the error for a refused request; reason must be a
// constant phrase.
func refuse(reason string) error { return refusal(reason) }
