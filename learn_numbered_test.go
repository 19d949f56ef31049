package main

import (
	"fmt"
	"testing"
)

// TestLearnNumberedSection: a weekly report's numbered section heading
// ("一、本周港口动态", "（二）潮汐概况") recurs at the start of every issue,
// but it is the report's structure, not a site's furniture: not
// proposed. A follow plea at the end still is.
func TestLearnNumberedSection(t *testing.T) {
	posts := map[string][2]string{}
	for i := 0; i < 12; i++ {
		body := "一、本周港口动态\n\n" + storyText("harbour", i) + "\n\n"
		body += "（二）潮汐概况\n\n" + storyText("tide", i) + "\n\n"
		body += "觉得有用就分享给身边的船长朋友\n"
		posts[fmt.Sprintf("r%02d.md", i)] = [2]string{"", body}
	}
	_, out := learnTree(t, posts)
	checkProposal(t, out, []string{"觉得有用就分享给身边的船长朋友"}, nil, []string{"本周港口动态", "潮汐概况"})
}
