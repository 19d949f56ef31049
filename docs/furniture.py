"""Count the posts that carry each kind of repeated furniture (docs/realrepos.md).

usage: furniture.py TREE ORIGINAL_DIR SHIPPED_COPY LEARNED_COPY

TREE is one of the trees of docs/realrepos.md; the copies are the tree after
`mdclean -w` and after `mdclean -w --config learned.yaml`. One regular expression
per shape, found by reading posts: these measure mdclean, they are never rules.
"""
import os,re,sys,collections,json
KINDS={
'techhub':[
 ('"Key Takeaways"/"Takeaways"/"Benefits" section (keep)', r'(?m)^#+ (Key )?Takeaways|^#+ Benefits'),
 ('"References"/"Resources" section (keep)', r'(?m)^#+ (Additional )?(References|Resources):?\s*$'),
 ('importer footer "This post appeared first on …"', r'This post appeared first on'),
 ('importer footer "[Read the entire article](…)" alone', r'(?m)^\[Read the entire article\]\('),
 ('related links ("Related:" + list)', r'(?m)^\**Related:?\**\s*$'),
 ('"Read next" widget', r'(?m)^\**Read next'),
 ('video channel promo / social list (gh.io/subgithub…)', r'gh\.io/subgithub'),
 ('subscribe call ("Subscribe to …")', r'(?m)^\**Subscribe\**\s+to'),
],
'agora2009':[
 ('feedx RSS promo "获取更多RSS"', r'获取更多RSS'),
 ('Reuters "我们的标准" trust-principles line', r'汤森路透'),
 ('DW copyright notice', r'德国之声版权声明|德國之聲版權聲明'),
 ('AFP © line', r'©\s*\d{4}\s*AFP'),
 ('DW editorial note "摘编自其他媒体…"', r'摘编自其他媒体的内容'),
 ('empty ad slots (mpu-ad, ad_mpu, dotcom-ad)', r'mpu-ad|ad_mpu|dotcom-ad'),
 ('Kyodo "（完）" schedule last line (keep)', r'抵达东京赤坂的众议员宿舍。（完）'),
],
'agora2511':[
 ('photo caption "示意圖。（圖取自Unsplash圖庫）" (keep)', r'示意圖。（圖取自Unsplash圖庫）'),
 ('agency credit （綜合報導）/（路透社等）… (keep)', r'（(綜合報導|综合报道|路透社等|路透社、法新社)）'),
 ('CNA Google News follow widget', r'追蹤中央社'),
 ('DW Instagram promo', r'instagram\.com/dw\.chinese|DW中文有Instagram'),
 ('DW copyright notice', r'德国之声版权声明|德國之聲版權聲明'),
 ('DW opinion disclaimer', r'德国之声致力于为您提供客观中立|德國之聲致力於為您提供客觀中立|摘编自其他媒体的内容，不代表德国之声'),
 ('AJ related list ("阅读更多" heading)', r'<h2>阅读更多'),
 ('AJ related list items ("list 1 of 4" + headline links)', r'<span>list 1 of \d+</span>'),
 ('AJ opinion disclaimer', r'本文仅表达作者个人观点，并不反映半岛电视台编辑立场'),
 ('NYT "read in English" link', r'点击查看本文英文版'),
 ('NYT copyright line', r'The New York Times Company'),
 ('BBC media-player fallback ("你的器材不支持播放多媒体材料")', r'你的器材不支持播放多媒体材料|你的設備不支持播放多媒體材料'),
 ('RTHK site tagline', r'詳盡報道本地時事、大中華消息、國際局勢等新聞'),
 ('credit: AJ source line "来源:" (keep)', r'来源: '),
 ('credit: NYT translator "翻译：" (keep)', r'翻译：|翻譯：'),
 ('credit: BBC image source "图像来源" (keep)', r'图像来源|圖像來源'),
 ('credit: CNA editor "（編輯：…）" (keep)', r'（編輯：'),
],
'actionsnews':[
 ('template: "Go to the GitHub Marketplace …" line', r'Go to the \[GitHub Marketplace\]'),
 ('template: "## Action Type" heading', r'(?m)^## Action Type\s*$'),
 ('template: verified-publisher line', r"This publisher is shown as 'verified' by GitHub"),
 ('release notes: "## New Contributors" heading', r'(?m)^#+ New Contributors'),
 ('release notes: "Full Changelog" line', r'Full Changelog'),
 ('copyright line', r'(?mi)^(:copyright:|copyright \d|©)'),
 ('release notes: "What\'s Changed" heading (article text, keep)', r"(?mi)^#+ What's Changed"),
 ('release notes: "Changelog" heading (article text, keep)', r"(?mi)^#+ Changelog\s*$"),
],
'fcc':[
 ('own YouTube embed "%[https://www.youtube.com/watch…]" (keep)', r'(?m)^%\[https://www\.youtube\.com/watch'),
 ('sign-off "Thank you for reading!" (keep)', r'(?mi)^thank you for reading!\s*$'),
 ('course outline "Here are the sections in this course:" (keep)', r'(?m)^Here are the sections in this course:'),
 ('course promo "Watch the full course … YouTube channel"', r'(?i)watch the full course'),
 ('bootcamp promo ("Click below to try the … Bootcamp")', r'(?i)click (below|here) to (try|get to)'),
 ('newsletter call ("sign up / subscribe to my newsletter")', r'(?i)(sign up for|subscribe to) (my|our|the) .{0,30}newsletter'),
 ('"follow me on Twitter" call', r'(?i)follow me on \[?twitter'),
 ('"I only write about programming … follow me" promo', r'(?i)I only write about programming and technology'),
 ('related links ("You may also like / Read next / Related")', r'(?mi)^\**(you (may|might) also like|read next|related( posts| articles)?:?)\**:?\s*$|^\**(you (may|might) also like|read next)\**:'),
 ('Unsplash photo credits with unclosed href (tracking-params victim)', r'creditCopyText">|api-credit">'),
 ('sign-off "Happy coding!" (author text, keep)', r'(?mi)^happy coding!\s*$'),
 ('Quincy newsletter signature (author text, keep)', r'(?m)^– Quincy Larson'),
],
'newsarticles':[
 ('"References"/"参考资料" section (keep)', r'(?m)^#+ (References|参考资料)\s*$'),
 ('bilingual closing "也欢迎查阅 … 文档" (keep)', r'也欢迎查阅'),
 ('"Tags" + related cards at the end', r'(?m)^#+ Tags\s*$'),
 ('scraper artefact "{% raw %}" (entity-escaped) at start', r'(?m)^&#123;% raw %\}'),
 ('scraper artefact "{% endraw %}" at end', r'(?m)&#123;% endraw %\}'),
 ('"Loading…" placeholder', r'(?m)^Loading(…|\.\.\.| …)\s*$'),
 ('copy-code button ("Copy"/"复制")', r'(?m)^(Copy|复制)\s*$'),
 ('OpenAI promo "Interested in learning more about ChatGPT for business?"', r'Interested in learning more about ChatGPT for business'),
 ('Vercel CTA "[Talk with our team]"', r'\[Talk with our team\]'),
 ('related cards ("N min read")', r'(?m)\] \d+ min read|阅读时长'),
],
}
def count(root, kinds):
    res=collections.Counter()
    for dp,dn,fn in os.walk(root):
        dn[:]=[d for d in dn if d!='.git']
        for f in fn:
            if not f.endswith(('.md','.html','.markdown')): continue
            t=open(os.path.join(dp,f),errors='replace').read()
            for name,rx in kinds:
                if re.search(rx,t): res[name]+=1
    return res
tree, orig, shipped, learned = sys.argv[1:5]
ks=[(n,re.compile(r)) for n,r in KINDS[tree]]
b=count(orig,ks); s=count(shipped,ks)
l=count(learned,ks) if os.path.isdir(learned) else collections.Counter()
print('| kind | before | after shipped | after learned |'); print('| --- | ---: | ---: | ---: |')
for n,_ in ks: print('| %s | %d | %d | %d |'%(n,b[n],s[n],l[n]))
