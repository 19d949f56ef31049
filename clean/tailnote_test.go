package clean

import (
	"strings"
	"testing"
)

// A translator's note at a post's end names the work the post translates
// and may point to it with a WeChat "read the original" phrase: the
// note is a credit, the article's, not a site promo. A promo alone still
// goes. The examples are written for the test.

const zhArticle = "潮汐表记录了每天两次涨潮和落潮的时刻。出海之前，船长会先查看当天的潮位，再决定从哪个码头出发，以免在浅滩上搁浅。"

func TestTailTranslatorNoteStays(t *testing.T) {
	for _, note := range []string{
		"注：  \n本系列是公开英文小册子《Tide Tables for Sailors》的译文，点击阅读原文可看英文原版。译得粗糙，欢迎指正，转载请注明出处。\n",
		"本文译自一篇公开的英文博客，点击阅读原文查看原文。\n",
		"Translated from a public English guide; 点击阅读原文 for the original.\n",
	} {
		body := zhArticle + "\n\n" + zhArticle + "\n\n" + note
		if out, rules := cleanMD(t, body); out != body {
			t.Errorf("note changed (%q):\n%s", rules, out)
		}
	}
}

func TestTailPromoStillGoes(t *testing.T) {
	for _, promo := range []string{
		"点击阅读原文，报名参加本周六的线下沙龙！\n",
		"长按识别二维码，关注我们获取更多潮汐资讯\n",
	} {
		body := zhArticle + "\n\n" + zhArticle + "\n\n" + promo
		out, rules := cleanMD(t, body)
		if strings.Contains(out, strings.TrimSpace(promo)) {
			t.Errorf("promo stayed (%q):\n%s", rules, out)
		}
		if strings.Count(out, zhArticle) != 2 {
			t.Errorf("article text lost:\n%s", out)
		}
	}
}

// A WeChat official account ends its posts with a list of its earlier
// ones under "往期推荐" or "往期回顾": a related-posts list.
func TestWeChatEarlierPostsList(t *testing.T) {
	for _, tail := range []string{
		"# 往期推荐\n\n1. [潮汐表怎么读](https://mp.example.cn/s/tide-1)\n2. [码头的夜班](https://mp.example.cn/s/tide-2)\n",
		"**往期回顾**\n\n[灯塔的故事](https://mp.example.cn/s/tide-3)\n\n[渔港的清晨](https://mp.example.cn/s/tide-4)\n",
	} {
		body := zhArticle + "\n\n" + zhArticle + "\n\n" + tail
		out, rules := cleanMD(t, body)
		if strings.Contains(out, "mp.example.cn") {
			t.Errorf("list stayed (%q):\n%s", rules, out)
		}
		if strings.Count(out, zhArticle) != 2 {
			t.Errorf("article text lost:\n%s", out)
		}
	}
	// A section of the article under the same words stays.
	keep := zhArticle + "\n\n## 往期回顾\n\n去年的潮汐比今年高出半米，码头因此加固了两次，渔民们至今还记得那个夜晚。\n\n" + zhArticle + "\n"
	if out, rules := cleanMD(t, keep); out != keep {
		t.Errorf("mid-article heading changed (%q):\n%s", rules, out)
	}
}

// A WeChat article page converted whole (html2text of the page, not of
// its #js_content) ends in the page's own interface: the hidden dialogs'
// buttons and the like bar, with thematic breaks between them. Those
// lines go at the post's end; the article's words stay.
func TestWeChatPageChromeAtEnd(t *testing.T) {
	chrome := "预览时标签不可点\n\n微信扫一扫  \n关注该公众号\n\n[知道了](javascript:;)\n\n微信扫一扫  \n使用小程序\n\n****\n\n" +
		"[取消](javascript:void\\(0\\);) [允许](javascript:void\\(0\\);)\n\n****\n\n" +
		"[取消](javascript:void\\(0\\);) [允许](javascript:void\\(0\\);)\n\n" +
		"： ， 。   视频 小程序 赞 ，轻点两下取消赞 在看 ，轻点两下取消在看\n"
	body := zhArticle + "\n\n" + zhArticle + "\n\n" + chrome
	out, rules := cleanMD(t, body)
	for _, gone := range []string{"预览时标签不可点", "关注该公众号", "知道了", "使用小程序", "允许", "轻点两下取消赞"} {
		if strings.Contains(out, gone) {
			t.Errorf("%q stayed (%q):\n%s", gone, rules, out)
		}
	}
	if strings.Count(out, zhArticle) != 2 {
		t.Errorf("article text lost:\n%s", out)
	}
	// The same words inside the article stay, and so does a thematic
	// break before the article's last paragraph.
	keep := zhArticle + "\n\n预览时标签不可点，这是编辑器的提示，发布后链接就能点了。\n\n****\n\n" + zhArticle + "\n"
	if out, rules := cleanMD(t, keep); out != keep {
		t.Errorf("article changed (%q):\n%s", rules, out)
	}
}
