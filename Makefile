# Convenience targets; the README's two commands are scripts/demo.sh and scripts/test.sh.
.PHONY: build demo test bench bench-incidents bench-report clean

build:
	scripts/ensure-deps.sh
	swift build

demo:
	scripts/demo.sh

test:
	scripts/test.sh

bench:
	bench/run.sh

bench-incidents:
	bench/incidents.sh

bench-report:
	bench/report.sh

clean:
	rm -rf .build .baton
