# Convenience targets; the README's two commands are scripts/demo.sh and scripts/test.sh.
#
# Packaging (docs/operations.md):
#   make install     release build, then batond, baton, the systemd unit, the sysusers entry, the
#                    example config (never over an existing one), completions and man pages.
#                    PREFIX=/usr/local, DESTDIR, BINDIR, SYSCONFDIR=/etc, ... as usual.
#                    The unit goes to $(PREFIX)/lib/systemd/system: systemd reads both
#                    /usr/lib/systemd/system and /usr/local/lib/systemd/system.
#   make uninstall   removes what install put; not the config, not the state.
#   make deb         a .deb (PREFIX=/usr) in $(DEB_DIR), built with dpkg-deb; prints its path.
#   BIN_SRC=DIR      use the batond, baton and generate-manual already built in DIR instead of
#                    a release build (the tests point it at the debug build).
.PHONY: build demo test bench bench-incidents bench-report bench-oauth bench-oauth-share bench-sftp bench-failover bench-storm bench-ping bench-delivery fuzz clean release install uninstall deb

VERSION := $(shell cat VERSION)
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SYSCONFDIR ?= /etc
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
DOCDIR ?= $(DATADIR)/doc/baton
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d
DEB_DIR ?= .build/deb
INSTALL ?= install
# The man pages' date: the last commit's, so two builds of one commit are identical.
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%F)

# Release binaries carry the Swift runtime, so the .deb needs no toolchain on the target machine.
RELEASE_FLAGS := -c release --static-swift-stdlib
ifeq ($(strip $(BIN_SRC)),)
BUILD_FIRST := release
# Asked of SwiftPM once, and only when a recipe needs it.
BIN_SRC = $(eval BIN_SRC := $$(shell swift build $(RELEASE_FLAGS) --show-bin-path))$(BIN_SRC)
else
BUILD_FIRST :=
endif
GENERATE_MANUAL ?= $(BIN_SRC)/generate-manual

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

bench-oauth:
	bench/oauth-cost.sh

bench-oauth-share:
	bench/oauth-share.sh

bench-sftp:
	bench/sftp.sh

bench-failover:
	bench/failover.sh

bench-storm:
	bench/storm.sh

bench-ping:
	bench/ping.sh

bench-delivery:
	LOAD=10000 bench/delivery.sh

# The fuzz suite's long run: BATON_FUZZ_SECONDS per target (default 60), a fresh seed, failing
# inputs kept as fixtures under Tests/Fixtures/fuzz/.
fuzz:
	scripts/fuzz.sh

# generate-manual is swift-argument-parser's man page generator (the tool behind its
# generate-manual plugin); run directly, it documents exactly the binaries installed.
release:
	scripts/ensure-deps.sh
	swift build $(RELEASE_FLAGS) --product batond
	swift build $(RELEASE_FLAGS) --product baton
	swift build $(RELEASE_FLAGS) --product generate-manual

install: $(BUILD_FIRST)
	@[ -x $(GENERATE_MANUAL) ] || { echo "no $(GENERATE_MANUAL): build it with swift build --product generate-manual (or set GENERATE_MANUAL)" >&2; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(DOCDIR) \
		$(DESTDIR)$(SYSCONFDIR)/baton/conf.d $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	$(INSTALL) -m 0755 $(BIN_SRC)/batond $(BIN_SRC)/baton $(DESTDIR)$(BINDIR)/
	sed -e '/^[^#]/s|@BINDIR@|$(BINDIR)|g' -e '/^[^#]/s|@DOCDIR@|$(DOCDIR)|g' systemd/batond.service >$(DESTDIR)$(UNITDIR)/batond.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/batond.service
	$(INSTALL) -m 0644 systemd/baton.sysusers $(DESTDIR)$(SYSUSERSDIR)/baton.conf
	$(INSTALL) -m 0644 docs/operations.md config/baton.example.yaml $(DESTDIR)$(DOCDIR)/
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/baton/baton.yaml ]; then \
		$(INSTALL) -m 0644 config/baton.example.yaml $(DESTDIR)$(SYSCONFDIR)/baton/baton.yaml.example; \
		echo "kept the existing $(DESTDIR)$(SYSCONFDIR)/baton/baton.yaml; the new example is baton.yaml.example beside it"; \
	else \
		echo "$(INSTALL) -m 0644 config/baton.example.yaml $(DESTDIR)$(SYSCONFDIR)/baton/baton.yaml"; \
		$(INSTALL) -m 0644 config/baton.example.yaml $(DESTDIR)$(SYSCONFDIR)/baton/baton.yaml; \
	fi
	$(BIN_SRC)/baton --generate-completion-script bash >$(DESTDIR)$(BASHCOMPDIR)/baton
	$(BIN_SRC)/baton --generate-completion-script zsh >$(DESTDIR)$(ZSHCOMPDIR)/_baton
	$(BIN_SRC)/baton --generate-completion-script fish >$(DESTDIR)$(FISHCOMPDIR)/baton.fish
	rm -f $(DESTDIR)$(MANDIR)/man1/baton.1.gz $(DESTDIR)$(MANDIR)/man1/baton.*.1.gz $(DESTDIR)$(MANDIR)/man1/batond.1.gz
	$(GENERATE_MANUAL) $(BIN_SRC)/baton --multi-page --date $(MAN_DATE) --output-directory $(DESTDIR)$(MANDIR)/man1
	$(GENERATE_MANUAL) $(BIN_SRC)/batond --date $(MAN_DATE) --output-directory $(DESTDIR)$(MANDIR)/man1
	gzip -9n $(DESTDIR)$(MANDIR)/man1/baton.1 $(DESTDIR)$(MANDIR)/man1/baton.*.1 $(DESTDIR)$(MANDIR)/man1/batond.1
	@[ -n "$(DESTDIR)" ] || echo "next: systemd-sysusers; systemctl daemon-reload; edit $(SYSCONFDIR)/baton/baton.yaml; systemctl enable --now batond"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/batond $(DESTDIR)$(BINDIR)/baton
	rm -f $(DESTDIR)$(UNITDIR)/batond.service $(DESTDIR)$(SYSUSERSDIR)/baton.conf
	rm -f $(DESTDIR)$(SYSCONFDIR)/baton/baton.yaml.example
	rm -f $(DESTDIR)$(BASHCOMPDIR)/baton $(DESTDIR)$(ZSHCOMPDIR)/_baton $(DESTDIR)$(FISHCOMPDIR)/baton.fish
	rm -f $(DESTDIR)$(MANDIR)/man1/baton.1.gz $(DESTDIR)$(MANDIR)/man1/baton.*.1.gz $(DESTDIR)$(MANDIR)/man1/batond.1.gz
	rm -f $(DESTDIR)$(DOCDIR)/operations.md $(DESTDIR)$(DOCDIR)/baton.example.yaml
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true
	@echo "kept $(DESTDIR)$(SYSCONFDIR)/baton, the state in /var/lib/baton and the baton user"

deb: $(BUILD_FIRST)
	rm -rf $(DEB_DIR)/root
	$(MAKE) --no-print-directory install DESTDIR=$(abspath $(DEB_DIR))/root PREFIX=/usr BINDIR=/usr/bin SYSCONFDIR=/etc BIN_SRC=$(BIN_SRC) >/dev/null
	scripts/build-deb.sh $(DEB_DIR)/root $(DEB_DIR) $(VERSION)

clean:
	rm -rf .build .baton
