package lago

import "github.com/lagoclient/lago-go/internal/scalar"

// DecimalInput is an exact decimal number in a request, such as
// WalletInput's RateAmount or a WalletAlertThresholdInput's Value. It holds
// the number's text and is sent as a JSON string, exactly as held.
//
// Decoding a request from JSON accepts both forms Lago accepts, a numeric
// string ("10.5") or a JSON number (10.5); a number keeps its text as
// written (0.1 stays "0.1", 10.50 stays "10.50"). An exponent (1e2) is
// refused, not normalised, as are values that are not numbers.
//
// A constant needs no conversion; a string variable does, and so does a
// Nullable:
//
//	lago.WalletInput{RateAmount: "0.5", PaidCredits: lago.Value[lago.DecimalInput]("100")}
//
// Responses hold decimals as [Decimal], a plain string, and not as
// DecimalInput, on purpose: Lago always sends them as strings, and a
// string decodes the same in encoding/json and in lago's generated
// decoders with no method of its own, where DecimalInput's UnmarshalJSON
// would refuse an unexpected form (an exponent) and fail the whole
// response. Since both are strings underneath, one converts to the other:
// lago.DecimalInput(wallet.RateAmount) sends back what Lago answered.
type DecimalInput = scalar.DecimalInput
