package clean

import (
	"strings"
	"testing"
)

// mailchimpForm is the shape of Mailchimp's embedded signup form (its
// "Embedded forms" code), with a heading and fields written for the test.
const mailchimpForm = `<div id="mc_embed_signup">
<form action="https://example.us1.list-manage.com/subscribe/post?u=0a1b2c&amp;id=3d4e5f" method="post" id="mc-embedded-subscribe-form" name="mc-embedded-subscribe-form" class="validate" target="_blank" novalidate>
<div id="mc_embed_signup_scroll">
<h2>Want the monthly garden notes? Join the mailing list.</h2>
<div class="mc-field-group">
<label for="mce-EMAIL">Email address</label>
<input type="email" value="" name="EMAIL" class="required email" id="mce-EMAIL">
</div>
<div class="clear"><input type="submit" value="Subscribe" name="subscribe" id="mc-embedded-subscribe" class="button"></div>
</div>
</form>
</div>
`

// TestWidgetMailchimpSignupForm: Mailchimp's embedded signup form, pasted
// under a post, is a subscribe widget; the same id around article text in
// the middle of a post stays, as for every widget class.
func TestWidgetMailchimpSignupForm(t *testing.T) {
	body := article + "\n\n" + mailchimpForm
	out, rules := cleanMD(t, body)
	if strings.Contains(out, "mc_embed_signup") || strings.Contains(out, "mailing list") {
		t.Errorf("the signup form stayed:\n%s", out)
	}
	if !strings.Contains(out, article) || len(rules) == 0 {
		t.Errorf("article text lost or no change reported (%v):\n%s", rules, out)
	}
	mid := "<div id=\"mc_embed_signup\">\n<p>" + article + "</p>\n</div>\n"
	body = article + "\n\n" + mid + "\n" + article + "\n"
	if out, _ := cleanMD(t, body); out != body {
		t.Errorf("article text in the middle changed:\n%s", out)
	}
}
