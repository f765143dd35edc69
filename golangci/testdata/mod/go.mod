module example.com/gl

go 1.22
