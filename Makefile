# make test   — what CI runs (see .ci/run for the rest: gofmt, vet, client check)
# make bench  — the benchmark table of docs/benchmarks.md: 8 runs, medians by benchstat
.PHONY: test bench
test:
	go test ./...
bench:
	go test -run '^$$' -bench . -count 8 -timeout 60m ./... | tee bench.txt
	go run golang.org/x/perf/cmd/benchstat@latest bench.txt
