package gen

// AppendCustomerCreateInput is the generated encoder of the create body,
// for the external tests.
var AppendCustomerCreateInput = appendCustomerCreateInput

// FastDecoders lists the types Codec.Fast decodes.
var FastDecoders = fastDecoders
