package clean

import "testing"

// The tail's evidence of article text and of footers (issue 20); the
// golden cases tail-quote-*, tail-caption-*, tail-digest-* and
// tail-verse-* show them in whole posts.

func TestClosedSentence(t *testing.T) {
	for text, want := range map[string]bool{
		"他表示：「我们不会接受这样的条件。」":                                    true,
		"（实习编译：王小明。）":                                           true,
		`"We will not accept these conditions."`:                true,
		"“The next round is planned for August!”":               true,
		"« Nous n’accepterons pas ces conditions\u202f!\u202f»": true,
		"(See the full report.)":                                true,
		"Is it over?”":                                          true,
		// Headlines: a quote or bracket, but no full stop before it.
		"为何“智能”冰箱越来越不智能":                           false,
		"能吃的奥运小知识，隔壁小孩都馋哭了 ( 第 1 期 )":              false,
		"支持率亮红灯，菅义伟或成 \" 短命首相 \"？":                 false,
		"Les meilleurs portables « à petit prix »": false,
		"The Best Budget Laptops (So Far)":         false,
		"No quote at all.":                         false,
	} {
		if got := closedSentence(text); got != want {
			t.Errorf("closedSentence(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestLowerStart(t *testing.T) {
	for text, want := range map[string]bool{
		"beneath the winter ice":   true,
		"sous la glace de l’hiver": true,
		"Beneath the winter ice":   false,
		"iPhone 15 review":         false,
		"macOS gets a new name":    false,
		"vivo 发布新款手机":              false,
		"河水守着它的秘密":                 false,
		"2021 in review":           false,
	} {
		if got := lowerStart(text); got != want {
			t.Errorf("lowerStart(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestCreditShape(t *testing.T) {
	for text, want := range map[string]bool{
		"（实习编译：王小明／核稿：李华）":                                    true,
		"(Reporting by Jane Roe; Editing by John Poe)":        true,
		"(Rédaction : Jeanne Dupont ; édition : Paul Martin)": true,
		"【本文作者：李文】":                                           true,
		"(By Jane Roe)":                                       true,
		"(So Far)":                                            false,
		"（第 1 期）":                                             false,
		"Reporting by Jane Roe":                               false, // the credit list's, not the shape's
		"(":                                                   false,
	} {
		if got := creditShape(text); got != want {
			t.Errorf("creditShape(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestCopyrightFooter(t *testing.T) {
	phrases := DefaultConfig().compiled().phrases
	for _, c := range []struct {
		text, want string // want: the evidence; "" for no footer
	}{
		{"Copyright 1999-2021 example.com. All Rights Reserved", "Copyright + year"},
		{"© 2021 Example Wire. All rights reserved.", "© + year"},
		{"Copyright © 2021 Exemple Digest. Tous droits réservés.", "Copyright + year"},
		{"© Example Media", "© + holder"},
		{"Copyright © Example Media", "Copyright + holder"},
		{"版权所有 © 2021 示例传媒", `"版权所有"`},
		{"本站内容版权所有，未经授权禁止转载", `"版权所有"`},
		{"未经授权，请勿转载", `"未经授权" + "转载"`},
		{"Alle Rechte vorbehalten.", `"Alle Rechte vorbehalten"`},
		// Words, not footers.
		{"Court Sides with Archive in Copyright Fight over Scanned Books", ""},
		{"La justice donne raison aux archives dans un litige sur le copyright", ""},
		{"Copyright law is older than the printing press", ""},
		{"Copyright Jane Roe", ""},
		{"法院判决：未经授权使用照片构成侵权", ""},
		// Photo credits.
		{"Waves break over the harbour wall © Example Press/ Jane Roe", ""},
		{"© Studio North/via Example Agency", ""},
		{"© 2021 Example Press/ Jane Roe", ""},
		{"© 2021 https://example.com/", "© + year"},
		// A sentence of the article before the footer.
		{"She wrote these lines in the spring of that year, by the river. © 2021 Jane Roe", ""},
	} {
		if got := footerEvidence(&phrases, c.text); got != c.want {
			t.Errorf("copyright footer %q: evidence %q, want %q", c.text, got, c.want)
		}
	}
}
