// What the demo's tickets say: the everyday requests of a dental group, a law firm and a
// machine shop, so a drill-down reads like a real service desk.

export type TicketType = 'Incident' | 'Service Request'

export const SERVICE_DESK_SUMMARIES: Readonly<Record<string, ReadonlyArray<[string, TicketType]>>> =
  {
    acme: [
      ['Dentrix slow to open on OP-03', 'Incident'],
      ['Intraoral sensor not detected in operatory 2', 'Incident'],
      ['Front desk printer offline', 'Incident'],
      ['New hygienist needs a login and email', 'Service Request'],
      ['Pano images not saving to IMG01', 'Incident'],
      ['Outlook keeps asking for a password', 'Incident'],
      ['Card reader at front desk will not connect', 'Incident'],
      ['Guest Wi-Fi password change for the waiting room', 'Service Request'],
      ['Phones: hold music not playing', 'Incident'],
      ['Install imaging bridge on new operatory PC', 'Service Request'],
    ],
    harlow: [
      ['Cannot open matter workspace in iManage', 'Incident'],
      ['Dictation software does not see the microphone', 'Incident'],
      ['Partner needs VPN access while travelling', 'Service Request'],
      ['Document comparison crashes on large contracts', 'Incident'],
      ['Conference room display will not mirror', 'Incident'],
      ['Time entry app will not sign in', 'Incident'],
      ['Scans from 4th floor copier not arriving', 'Incident'],
      ['Onboard new associate', 'Service Request'],
      ['Suspicious email reported by a paralegal', 'Incident'],
      ['Court e-filing certificate renewal', 'Service Request'],
    ],
    brenner: [
      ['CAD licence server unreachable', 'Incident'],
      ['ERP: delivery notes fail to print', 'Incident'],
      ['Label printer in shipping offline', 'Incident'],
      ['Shop-floor terminal frozen at BDE-02', 'Incident'],
      ['Account for new apprentice', 'Service Request'],
      ['Teams calls echo in the quality lab', 'Incident'],
      ['CNC program share not reachable from the hall', 'Incident'],
      ['VPN for field service technician', 'Service Request'],
      ['Barcode scanner will not pair', 'Incident'],
      ['Quality lab PC very slow', 'Incident'],
    ],
  }

/** RMM alerts as they land on the PSA's Alerts board; `{device}` is filled in. */
export const ALERT_SUMMARIES: readonly string[] = [
  'Disk space low on {device} (C: 92% used)',
  'CPU above 95% for 15 minutes on {device}',
  'Backup job reported a warning on {device}',
  'Print Spooler service stopped on {device}',
  'Device offline: {device}',
  'Memory usage above 90% on {device}',
  'Defender quarantined a threat on {device}',
  'SMART warning on the system disk of {device}',
  'Pending reboot after updates on {device}',
]
