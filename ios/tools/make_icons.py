"""Draws the app icon and the disguise icons (1024 x 1024, opaque RGB as the App Store
requires) into App/Resources/Assets.xcassets. Run by hand after changing a design:
python3 ios/tools/make_icons.py (needs Pillow). The PNGs it writes are committed."""
import json
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1024
ASSETS = Path(__file__).resolve().parent.parent / "App" / "Resources" / "Assets.xcassets"


def tally(d):
    d.rectangle([0, 0, SIZE, SIZE], fill=(31, 78, 95))
    for i in range(4):
        x = 300 + i * 130
        d.rounded_rectangle([x, 280, x + 60, 744], radius=30, fill=(240, 240, 235))
    d.line([(250, 700), (800, 330)], fill=(240, 240, 235), width=60)


def calculator(d):
    d.rectangle([0, 0, SIZE, SIZE], fill=(240, 150, 40))
    d.rounded_rectangle([232, 152, 792, 872], radius=70, fill=(45, 45, 48))
    d.rounded_rectangle([292, 212, 732, 352], radius=24, fill=(190, 210, 190))
    for row in range(4):
        for col in range(3):
            x, y = 322 + col * 140, 412 + row * 112
            d.ellipse([x, y, x + 100, y + 84], fill=(235, 235, 235))


def notes(d):
    d.rectangle([0, 0, SIZE, SIZE], fill=(250, 205, 60))
    d.rounded_rectangle([212, 152, 812, 872], radius=50, fill=(255, 253, 245))
    for i in range(6):
        y = 312 + i * 90
        d.line([(292, y), (732, y)], fill=(200, 190, 160), width=18)


def weather(d):
    for y in range(SIZE):
        d.line([(0, y), (SIZE, y)], fill=(60 + y // 12, 130 + y // 16, 230))
    d.ellipse([220, 200, 560, 540], fill=(255, 210, 70))
    d.ellipse([360, 460, 640, 740], fill=(250, 250, 252))
    d.ellipse([520, 400, 840, 720], fill=(250, 250, 252))
    d.rounded_rectangle([300, 600, 860, 780], radius=90, fill=(250, 250, 252))


ICONS = {"AppIcon": tally, "AppIcon-Calculator": calculator, "AppIcon-Notes": notes, "AppIcon-Weather": weather}


def main():
    ASSETS.mkdir(parents=True, exist_ok=True)
    (ASSETS / "Contents.json").write_text(json.dumps({"info": {"author": "xcode", "version": 1}}, indent=2) + "\n")
    for name, draw in ICONS.items():
        folder = ASSETS / f"{name}.appiconset"
        folder.mkdir(exist_ok=True)
        image = Image.new("RGB", (SIZE, SIZE))
        draw(ImageDraw.Draw(image))
        image.save(folder / "icon-1024.png", optimize=True)
        contents = {
            "images": [{"filename": "icon-1024.png", "idiom": "universal", "platform": "ios", "size": "1024x1024"}],
            "info": {"author": "xcode", "version": 1},
        }
        (folder / "Contents.json").write_text(json.dumps(contents, indent=2) + "\n")


if __name__ == "__main__":
    main()
