import { describe, expect, it } from 'vitest';
import { commandInText, commandInTranscript } from './smtp-command.js';

describe('SMTP command of a failure', () => {
  it('reads the wording of Postfix, Exim and qmail', () => {
    expect(commandInText('said: 550 x (in reply to RCPT TO command)')).toBe('RCPT');
    expect(commandInText('said: 554 x (in reply to end of DATA command)')).toBe('DATA');
    expect(commandInText('SMTP error from remote mail server after MAIL FROM:<a@b> SIZE=1:')).toBe('MAIL');
    expect(commandInText('SMTP error from remote mail server after initial connection:')).toBe('CONN');
    expect(commandInText('Connected to 192.0.2.1 but my name was rejected.')).toBe('HELO');
    expect(commandInText('nothing here')).toBeNull();
  });

  it('takes the last command before the first error reply of a transcript', () => {
    expect(commandInTranscript('>>> MAIL From:<a@b>\n<<< 250 ok\n>>> DATA\n<<< 550 5.1.1 User unknown\n>>> QUIT')).toBe(
      'DATA',
    );
    expect(commandInTranscript('>>> RCPT To:<a@b>\n<<< 250 ok')).toBeNull();
  });
});
