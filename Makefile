# make test   — what CI runs (see .ci/run for the rest: gofmt, vet, client check)
# make bench  — the benchmark table of docs/benchmarks.md: 8 runs, medians by benchstat
# make dist   — release archives, .deb and .rpm in dist/ (GoReleaser, pinned), a snapshot
# make npm    — the npm packages (dist/npm/*.tgz) from dist/'s binaries
.PHONY: test bench dist npm
GORELEASER_VERSION = v2.15.1
GORELEASER = $(shell go env GOPATH)/bin/goreleaser
$(GORELEASER):
	go install github.com/goreleaser/goreleaser/v2@$(GORELEASER_VERSION)
dist: $(GORELEASER)
	$(GORELEASER) check
	$(GORELEASER) release --snapshot --clean
npm:
	test -f dist/artifacts.json || $(MAKE) dist
	go run ./internal/npmpack
test:
	go test ./...
bench:
	go test -run '^$$' -bench . -count 8 -timeout 60m ./... | tee bench.txt
	go run golang.org/x/perf/cmd/benchstat@latest bench.txt
