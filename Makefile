# make test   — what CI runs (see .ci/run for the rest: gofmt, vet, client check)
# make bench  — the benchmark table of docs/benchmarks.md: 8 runs, medians by benchstat
# make dist   — release archives, .deb and .rpm in dist/ (GoReleaser, pinned), a snapshot
# make dist-beam — the Beam pipeline's archives in dist-beam/ (slow: the Beam SDK)
# make npm    — the npm packages (dist/npm/*.tgz) from dist/'s binaries
.PHONY: test bench dist dist-beam npm
GORELEASER_VERSION = v2.15.1
GORELEASER = $(shell go env GOPATH)/bin/goreleaser
$(GORELEASER):
	go install github.com/goreleaser/goreleaser/v2@$(GORELEASER_VERSION)
dist: $(GORELEASER)
	$(GORELEASER) check
	$(GORELEASER) release --snapshot --clean
dist-beam: $(GORELEASER)
	$(GORELEASER) check --config .goreleaser-beam.yaml
	$(GORELEASER) release --snapshot --clean --config .goreleaser-beam.yaml
npm:
	test -f dist/artifacts.json || $(MAKE) dist
	go run ./internal/npmpack
test:
	go test ./...
bench:
	go test -run '^$$' -bench . -count 8 -timeout 60m ./... | tee bench.txt
	go run golang.org/x/perf/cmd/benchstat@latest bench.txt
