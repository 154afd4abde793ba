#!/usr/bin/env bash
# Today's bookings and a class in staff mode, against a real back office on loopback.
# Three seniors book the morning's smartphone class at kiosk 2. At kiosk 1, volunteer
# Anna opens today's bookings: checks the first in, marks the second a no-show (she
# phoned: ill), and rebooks the third to the afternoon. Then (the classroom's screen) she
# Anna picks a lesson, shows it on the big screen and moves it on, ticks the booked
# senior present from the day's bookings, adds a walk-in by phone number, and finishes
# the class. The back office then has the booking attended, a lesson completion for
# both seniors, and Anna's class hours. The wall clock is the class's day (the back
# office decides by its own clock, for which that day is still to come).
set -uo pipefail
kiosk="$1"; tmp="$2"; server="$4"
src="$(cd "$(dirname "$0")/../.." && pwd)"
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; for f in "$tmp"/*.log; do echo "== $f"; tail -30 "$f"; done; exit 1; }
admin() { "$server" admin --db "$tmp/bo.db" "$@"; }

cat > "$tmp/services.json" <<'JSON'
{"format": 1, "utc_offset": "+08:00",
 "services": [{"id": "phone-class", "kind": "class", "name": {"zh-CN": "智能手机课堂", "en": "Smartphone class"},
               "description": {"zh-CN": "带上手机。", "en": "Bring your phone."},
               "rules": {"min_notice_minutes": 30, "max_days_ahead": 14, "cancel_cutoff_minutes": 60}}],
 "slots": [{"id": "class-jan15", "service": "phone-class", "start": "2027-01-15T10:00", "end": "2027-01-15T11:00",
            "place": {"zh-CN": "二楼活动室", "en": "Room 2"}, "capacity": 12, "seats_left": 12},
           {"id": "class-jan15-pm", "service": "phone-class", "start": "2027-01-15T14:00", "end": "2027-01-15T15:00",
            "place": {"zh-CN": "二楼活动室", "en": "Room 2"}, "capacity": 12, "seats_left": 12}]}
JSON
admin site add riverside "Riverside Centre" >/dev/null || fail "site add"
admin services --site riverside "$tmp/services.json" >/dev/null || fail "services"
printf '111111\n' | admin staff add --site riverside --name "Anna Wu" --role volunteer --pin-stdin >/dev/null 2>&1 || fail "staff add"
code1="$(admin enrolment-code --site riverside 2>/dev/null)"
code2="$(admin enrolment-code --site riverside 2>/dev/null)"
source "$(dirname "$0")/../support/backoffice_on_loopback.sh"
start_backoffice "$server" "$tmp/bo.db" "$tmp"
"$kiosk" --data-dir "$tmp/k1" --enroll "$url" "$code1" >/dev/null 2>&1 || fail "enrol kiosk 1"
"$kiosk" --data-dir "$tmp/k2" --enroll "$url" "$code2" >/dev/null 2>&1 || fail "enrol kiosk 2"
"$kiosk" --data-dir "$tmp/k1" --install-pack "$src/lessons/qiao-basics" --allow-unsigned-packs >/dev/null 2>&1 || fail "install the lessons"

tour() {
  "$kiosk" --headless --allow-unsigned-packs --data-dir "$tmp/$2" --tour "$tmp/$1.tour" --shots "$tmp/shots/$1" >"$tmp/$1.log" 2>&1 || fail "tour $1"
}

{
  echo "wall-clock 2027-01-15T08:00"; echo "wait-sync 30000"
  for phone in 13900001234 13900005678 13900009999; do
    echo "tap home.book"; echo "tap book.service.phone-class"; echo "tap book.day.2027-01-15"; echo "tap book.slot.class-jan15"
    for d in $(echo "$phone" | grep -o .); do echo "tap phone.key.$d"; done
    echo "tap phone.done"; echo "tap phone.yes"; echo "tap book.confirm"; echo "expect-screen book_done"; echo "tap common.home"
  done
  echo "wait-sync 30000"
} >"$tmp/book.tour"
tour book k2

cat > "$tmp/desk.tour" <<'TOUR'
set-lang en
wall-clock 2027-01-15T09:30
wait-sync 30000
tap staff.enter
tap staff.name.1
tap pin.key.1
tap pin.key.1
tap pin.key.1
tap pin.key.1
tap pin.key.1
tap pin.key.1
tap staff.open.bookings
wait-for staff.booking.item.3 10000
expect-text flow.heading 3 bookings today
expect-text staff.booking.item.1 10:00
expect-text staff.booking.item.1 139****1234
shot 01-bookings
audit staff
tap staff.booking.item.1
expect-screen staff_booking_detail
expect-text flow.line.2 139 0000 1234
tap staff.booking.check_in
expect-text flow.note Checked in
audit staff
tap common.back
tap staff.booking.item.2
tap staff.booking.no_show
expect-screen staff_no_show
audit staff
tap staff.booking.reason.phoned_ill
expect-screen staff_booking_detail
wait 1000
expect-text flow.note Saved
expect-text flow.line.4 did not come
tap common.back
tap staff.booking.item.3
tap staff.booking.rebook
expect-screen staff_rebook
expect-text staff.booking.slot.class-jan15-pm 14:00
audit staff
tap staff.booking.slot.class-jan15-pm
wait 1000
expect-text flow.note Moved to
shot 02-rebooked
wait-sync 30000
TOUR
tour desk k1

cat > "$tmp/class.tour" <<'TOUR'
set-lang en
wall-clock 2027-01-15T09:55
wait-sync 30000
tap staff.enter
tap staff.name.1
tap pin.key.1
tap pin.key.1
tap pin.key.1
tap pin.key.1
tap pin.key.1
tap pin.key.1
tap staff.open.class
expect-screen staff_class
shot 01-pick
audit staff
tap staff.class.lesson.org.qiao.basics/pay-by-qr
expect-screen staff_class_run
tap staff.class.show
expect-screen lesson
expect-text lesson.step_of 1
shot 02-big-screen
audit senior
tap lesson.next
expect-screen lesson
expect-text lesson.step_of 2
tap lesson.back
expect-text lesson.step_of 1
tap lesson.all
expect-screen staff_class_run
tap staff.class.attendance
expect-screen staff_attendance
wait-for staff.class.present.1 10000
expect-text staff.class.present.1 139****1234
tap staff.class.present.1
tap staff.class.add_walk_in
expect-screen phone_entry
tap phone.key.1
tap phone.key.3
tap phone.key.8
tap phone.key.5
tap phone.key.5
tap phone.key.5
tap phone.key.5
tap phone.key.6
tap phone.key.6
tap phone.key.6
tap phone.key.6
tap phone.done
tap phone.yes
expect-screen staff_attendance
expect-text staff.class.walk_in.0 138****6666
expect-text flow.heading 2 so far
shot 03-attendance
audit staff
tap common.back
expect-text flow.line.2 2
advance 1500
tap staff.class.attendance
tap common.back
advance 1500
tap staff.class.finish
expect-screen staff_class_finish
tap staff.class.finish_yes
expect-screen staff_class_done
expect-text flow.heading Recorded: 2 present
shot 04-done
audit staff
wait-sync 30000
TOUR
tour class k1
grep -q "1385555" "$tmp/k1/qiao.db" "$tmp"/k1/qiao.db-wal 2>/dev/null && fail "the walk-in's number is in the kiosk's store"

admin export --site riverside --format csv >"$tmp/figures.csv" || fail "export"
cat "$tmp/figures.csv"
grep -q "^riverside,2027-01-15,attended,,1" "$tmp/figures.csv" || fail "the booked senior is not attended"
grep -q "^riverside,2027-01-15,no_shows,,1" "$tmp/figures.csv" || fail "the no-show is not counted"
grep -q "^riverside,2027-01-15,lessons_completed,,2" "$tmp/figures.csv" || fail "not two lesson completions"
admin staff list --site riverside >"$tmp/staff.txt" || fail "staff list"
cat "$tmp/staff.txt"
grep '"Anna Wu"' "$tmp/staff.txt" | grep -q "0 h 5[0-9] min served\|1 h [0-9]* min served" || fail "Anna's class hours are not counted"
echo "PASS"
