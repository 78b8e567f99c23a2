package gen

// AppendCustomerCreateInput is the generated encoder of the create body,
// for the external tests.
var AppendCustomerCreateInput = appendCustomerCreateInput

// AppendWalletInputEnvelope is the generated encoder of the create-wallet
// body, for the external tests.
var AppendWalletInputEnvelope = appendWalletInputEnvelope

// EncodedTypes holds a nil pointer of each type Codec.Append encodes.
var EncodedTypes = encodedTypes

// FastDecoders lists the types Codec.Fast decodes.
var FastDecoders = fastDecoders
