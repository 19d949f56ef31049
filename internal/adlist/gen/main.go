// Command gen writes the adlist package's tables (data/*.txt) from the
// snapshot of EasyList and EasyPrivacy that Debian's uBlock Origin
// package installs (or the directory -src names).
//
//	go generate ./internal/adlist
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mdclean/mdclean/internal/adlist"
)

func main() {
	src := flag.String("src", "", "directory holding easylist.txt and easyprivacy.txt (default: the Debian package's)")
	out := flag.String("out", "data", "directory to write the tables to")
	flag.Parse()
	if *src == "" {
		d, ok := adlist.FindSnapshot()
		if !ok {
			fmt.Fprintln(os.Stderr, "gen: no snapshot of the lists: apt-get install webext-ublock-origin-firefox, or give -src")
			os.Exit(2)
		}
		*src = d
	}
	l, err := adlist.ReadSnapshot(*src)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
	if err := os.WriteFile(filepath.Join(*out, "hosts.bits"), adlist.Bits(l.AdHosts, l.TrackerHosts), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
	if err := os.WriteFile(filepath.Join(*out, "names.bits"), adlist.NameBits(l.Classes, l.IDs), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
	for name, names := range map[string][]string{"easylist-hosts.txt": l.AdHosts, "easyprivacy-hosts.txt": l.TrackerHosts,
		"easylist-classes.txt": l.Classes, "easylist-ids.txt": l.IDs, "easyprivacy-mailopens.txt": l.MailOpens} {
		if err := os.WriteFile(filepath.Join(*out, name), []byte(adlist.Format(names)), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(2)
		}
	}
}
