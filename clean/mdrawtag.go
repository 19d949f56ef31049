package clean

// rawOpenTag reports whether goldmark's expression of an inline open tag,
//
//	^<([A-Za-z][A-Za-z0-9-]*)(attribute)*(?:[ \t]|(?:\r\n|\n){0,1})*/?>
//
// (rawHTMLOpenTag, with goldmark's htmlAttribute) matches b, the line of
// a tag up to its end (tagEnd), read once, left to right, as
// htmlBlockType7 reads a block's tag. Its match ends at b's end: it ends
// with a '>', and the only one in b outside quotes is the last byte
// (quotes stand only around values). Each part is read as far as it
// goes, and a shorter reading never matches where the longest does not:
// a name or a value stopped short is followed by a character that
// nothing after it takes (a value's '/' can end it as "/>" does, at the
// same '>'); an attribute name followed by '=' must take a value; white
// space before something that is no attribute is given back to the
// white space before the end, which takes ' ', '\t', '\n' and "\r\n" but
// not a lone '\r'. goldmark's engine cost 16,000 instructions a tag on
// dev2. TestRawOpenTag holds it to the expression.
func rawOpenTag(b []byte) bool {
	if len(b) < 3 || b[0] != '<' || !isASCIILetter(b[1]) {
		return false
	}
	i := 2
	for i < len(b) && (isASCIILetter(b[i]) || b[i] >= '0' && b[i] <= '9' || b[i] == '-') {
		i++
	}
	i, _, ok := htmlAttrs(b, i)
	if !ok {
		return false
	}
	for i < len(b) {
		switch {
		case b[i] == ' ' || b[i] == '\t' || b[i] == '\n':
			i++
			continue
		case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
			i += 2
			continue
		}
		break
	}
	if i < len(b) && b[i] == '/' {
		i++
	}
	return i == len(b)-1 && b[i] == '>'
}
