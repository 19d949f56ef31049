// Package textfile decides whether bytes are text mdclean may clean: UTF-8
// without NUL bytes, or a legacy encoding named with --encoding that
// decodes and encodes back to the very same bytes. A file that is neither
// is refused with a message naming its likely encoding, never cleaned.
//
// It also reads and writes such files: ReadRegular reads a regular file
// (refusing FIFOs, devices and, for a rewrite, symlinks), ReadAll reads
// standard input, and WriteAtomic replaces a file through a temporary file
// in its directory, keeping its mode, owner and extended attributes or
// refusing. StaleTemp and RemoveTemps deal with the temporary files a
// killed or interrupted run leaves.
package textfile

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// LookupEncoding resolves --encoding by its WHATWG name (gbk, gb18030,
// big5, utf-16le, shift_jis, windows-1252, ...). UTF-8 means none.
func LookupEncoding(name string) (encoding.Encoding, error) {
	if name == "" || strings.EqualFold(name, "utf-8") || strings.EqualFold(name, "utf8") {
		return nil, nil
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		return nil, fmt.Errorf("--encoding: unknown encoding %q (try gbk, gb18030, big5, utf-16le)", name)
	}
	return e, nil
}

// DecodeExact decodes src from enc to UTF-8 and proves the way back: a
// file whose bytes do not survive decode-then-encode unchanged is refused,
// since writing it back would change bytes no rule touched.
func DecodeExact(src []byte, enc encoding.Encoding, name string) ([]byte, error) {
	dec, err := enc.NewDecoder().Bytes(src)
	if err != nil {
		return nil, fmt.Errorf("not valid %s: %v; left untouched", name, err)
	}
	back, err := enc.NewEncoder().Bytes(dec)
	if err != nil || !bytes.Equal(back, src) {
		return nil, fmt.Errorf("does not survive a round trip through %s (decoding and encoding again changes its bytes); left untouched", name)
	}
	return dec, nil
}

// EncodeBack encodes the cleaned document in the file's encoding.
func EncodeBack(out []byte, enc encoding.Encoding, name string) ([]byte, error) {
	b, err := enc.NewEncoder().Bytes(out)
	if err != nil {
		return nil, fmt.Errorf("the cleaned text cannot be written in %s: %v; left untouched", name, err)
	}
	return b, nil
}

// commonHan are the most frequent characters of Chinese prose, in their
// simplified and traditional forms: decoding with the right encoding
// yields many of them, with a wrong one almost none.
const (
	commonSimplified  = "的是在了不和有人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
	commonTraditional = "的是在了不和有人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處隊南給色光門即保治北造百規熱領七海口東導器壓志世金增爭濟階油思術極交受聯什認六共權收證改清己美再採轉更單風切打白教速花帶安場身車例真務具萬每目至達走積示議聲報鬥完類八離華名確才科張信馬節話米整空元況今集溫傳土許步群廣石記需段研界拉林律叫且究觀越織裝影算低持音眾書布複容兒須際商非驗連斷深難近礦千週委素技備半辦青省列習響約支般史感勞便團往酸歷市克何除消構府稱太準精值號率族維劃選標寫存候毛親快效斯院查江型眼王按格養易置派層片始卻專狀育廠京識適屬圓包火住調滿縣局照參紅細引聽該鐵價嚴龍飛"
)

func commonCount(text []byte, set string) int {
	n := 0
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		if r >= 0x4E00 && strings.ContainsRune(set, r) {
			n++
		}
	}
	return n
}

// guessEncoding names the legacy encoding a non-UTF-8 file most likely
// uses, for the error message: Chinese scrapes come in GBK/GB18030 and
// Big5, and UTF-16 files start with a byte order mark.
func guessEncoding(src []byte) (name, flag string) {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		return "UTF-16 little-endian (byte order mark FF FE)", "utf-16le"
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return "UTF-16 big-endian (byte order mark FE FF)", "utf-16be"
	}
	sample := src[:min(len(src), 64<<10)]
	best, bestScore := "", 0
	for _, c := range []struct {
		name, flag string
		enc        encoding.Encoding
		set        string
	}{
		{"GBK/GB18030 (simplified Chinese)", "gbk", simplifiedchinese.GB18030, commonSimplified},
		{"Big5 (traditional Chinese)", "big5", traditionalchinese.Big5, commonTraditional},
	} {
		dec, err := c.enc.NewDecoder().Bytes(sample)
		if err != nil {
			continue
		}
		if score := commonCount(dec, c.set) - 4*bytes.Count(dec, []byte("\uFFFD")); score > bestScore {
			best, bestScore, flag = c.name, score, c.flag
		}
	}
	return best, flag
}

// encodingHint is the end of the message for a file that is not UTF-8.
func encodingHint(src []byte) string {
	name, flag := guessEncoding(src)
	if name == "" {
		return ""
	}
	return fmt.Sprintf(" (it looks like %s: clean it with --encoding %s)", name, flag)
}

// Check refuses input that is not UTF-8 text: cleaning bytes we cannot
// read would risk mangling them.
func Check(src []byte) error {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return fmt.Errorf("not UTF-8%s; left untouched", encodingHint(src))
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return fmt.Errorf("binary file (NUL byte at offset %d): skipped", i)
	}
	if !utf8.Valid(src) {
		return fmt.Errorf("not valid UTF-8%s; left untouched", encodingHint(src))
	}
	return nil
}
