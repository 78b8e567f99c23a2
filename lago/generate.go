package lago

//go:generate go run ../internal/aliasgen ../gen/client.gen.go types.gen.go
//go:generate go run ../internal/encodegen ../gen/client.gen.go encode.gen.go
//go:generate go run ../internal/decodegen ../gen/client.gen.go decode.gen.go
