package a4

// Uncompressed makes l write its PDFs without compressing the page contents, so that a test
// can read the text back.
func (l *Layouts) Uncompressed() *Layouts {
	c := *l
	c.compress = false
	return &c
}
