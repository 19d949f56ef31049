package clean

import "testing"

// Amazon's product-image widget (Associates' "image link": /widgets/q with
// an ASIN, ID=AsinImage) is the product's picture, a book's cover in a
// review, whatever list the widget host is on (assoc-amazon.co.uk is on
// EasyList, ws-na.amazon-adsystem.com is not): it stays. Examples written
// for the test.
func TestAdListsKeepProductImage(t *testing.T) {
	for _, c := range []struct{ name, body string }{
		{"Markdown product image in its link", `[![](http://ws.assoc-amazon.co.uk/widgets/q?_encoding=UTF8&Format=_SL160_&ASIN=1234567890&MarketPlace=GB&ID=AsinImage&WS=1&ServiceVersion=20070822)](https://www.amazon.co.uk/dp/1234567890)`},
		{"HTML product image in its link", `<a href="https://www.amazon.de/dp/1234567890"><img border="0" src="//ws.assoc-amazon.de/widgets/q?_encoding=UTF8&ASIN=1234567890&Format=_SL250_&ID=AsinImage&MarketPlace=DE&ServiceVersion=20070822&WS=1"></a>`},
	} {
		body := article + "\n\n" + c.body + "\n\n" + article + "\n"
		out, rules := cleanMD(t, body)
		if out != body {
			t.Errorf("%s: changed (%q):\n%s", c.name, rules, out)
		}
	}
}
