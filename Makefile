# Comptoir — `make run` starts the till with demo data, `make test` runs every test.
# Both install the system packages Fyne and the window test need when missing.

SHELL    := /bin/bash
GO       ?= go
TERMINAL ?= KRKASA1
# The system packages: a C compiler and OpenGL/X11 headers for Fyne's GLFW
# driver; Xvfb, xauth, xwd and ImageMagick for the real-window smoke test.
SYSTEM_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xauth x11-apps imagemagick
# Every package but the binary that links GLFW: their tests run with -race
# without compiling GLFW a second time in race mode (4 minutes on 2 cores).
RACE_PACKAGES = $(shell $(GO) list ./... | grep -v '/cmd/comptoir$$')

.PHONY: deps build run test unit smoke bench lint soak fuzz

deps:
	@scripts/deps.sh $(SYSTEM_PACKAGES)

build: deps
	$(GO) build -o bin/comptoir ./cmd/comptoir

run: build
	bin/comptoir --demo --terminal $(TERMINAL)

test: deps lint unit smoke

unit:
	$(GO) test -race -count=1 -timeout 20m $(RACE_PACKAGES)

# The real binary in a real window under Xvfb (see cmd/comptoir/smoke_test.go).
smoke:
	$(GO) test -tags smoke -count=1 -timeout 15m -v ./cmd/comptoir/

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(RACE_PACKAGES)

bench:
	$(GO) test -run '^$$' -bench . -benchmem -timeout 30m $(RACE_PACKAGES)

# Bigger fault runs than `make test` can afford.
soak:
	COMPTOIR_CRASH_KILLS=2000 $(GO) test -count=1 -timeout 60m -run Crash -v ./store/
	COMPTOIR_SOAK=10 $(GO) test -count=1 -timeout 60m -run 'Crash|Lost|LockRace' ./sync/agent/

# Each fuzz target for 30 seconds, from its seed corpus in testdata/fuzz.
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzDecodeRequest -fuzztime 30s ./sync/dataservice/
	$(GO) test -run '^$$' -fuzz FuzzDecodeAnswer -fuzztime 30s ./sync/agent/
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 30s ./printing/escdecode/
