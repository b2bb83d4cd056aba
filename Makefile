# TTCS — every target bootstraps .venv itself (scripts/bootstrap is idempotent).
.PHONY: demo test lint typecheck pytest bench bootstrap clean

VENV := .venv
BIN := $(VENV)/bin

bootstrap:
	@scripts/bootstrap

demo: bootstrap
	$(BIN)/ttcs demo

test: bootstrap
	scripts/test

lint: bootstrap
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy ttcs

pytest: bootstrap
	$(BIN)/pytest

bench: bootstrap
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var/test-artifacts
