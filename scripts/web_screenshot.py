"""Screenshots of the analyst page for the docs: docs/img/web-overview.png and docs/img/web-event-view.png.

    .venv/bin/python scripts/web_screenshot.py [DB]      # default out/seeds.db (scripts/setup.sh builds it)
"""
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from web_helpers import browser, serve  # noqa: E402

db = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "seeds.db"
out = ROOT / "docs" / "img"
out.mkdir(parents=True, exist_ok=True)
with serve(db) as base:
    drv = browser(1400, 1300)
    try:
        drv.get(base + "/")
        for _ in range(150):
            if drv.execute_script("return document.body.dataset.ready === '1'"):
                break
            time.sleep(0.2)
        time.sleep(0.5)
        drv.save_screenshot(str(out / "web-overview.png"))
        drv.get(base + "/#event/EV156442a949f36e")
        for _ in range(150):
            if drv.execute_script("return !!document.querySelector('#event-view mark.evidence')"):
                break
            time.sleep(0.2)
        drv.execute_script("document.getElementById('event-view').scrollIntoView()")
        time.sleep(0.3)
        drv.save_screenshot(str(out / "web-event-view.png"))
    finally:
        drv.quit()
print(f"wrote {out / 'web-overview.png'} and {out / 'web-event-view.png'}")
