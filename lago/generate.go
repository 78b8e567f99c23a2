package lago

//go:generate go run ../internal/aliasgen ../gen/client.gen.go types.gen.go
