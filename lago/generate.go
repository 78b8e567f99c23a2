package lago

// Each model of package gen gets an alias here, so that users name it
// lago.Customer.
//
//go:generate go run ../internal/aliasgen ../gen/client.gen.go types.gen.go
