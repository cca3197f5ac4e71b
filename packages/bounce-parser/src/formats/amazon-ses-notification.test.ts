import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

const sns = (json: object) =>
  `From: SES <no-reply@sns.amazonaws.com>\nSubject: AWS Notification Message\nContent-Type: text/plain; charset=UTF-8\n\n${JSON.stringify(json)}\n--\nIf you wish to stop receiving notifications...\n`;

describe('amazon ses notifications', () => {
  it('reads a bounce', () => {
    const r = parseBounce(
      sns({
        notificationType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bouncedRecipients: [
            {
              emailAddress: 'u@example.com',
              status: '5.1.1',
              action: 'failed',
              diagnosticCode: 'smtp; 550 5.1.1 user unknown',
            },
          ],
        },
      }),
    );
    expect(r.recipients[0]).toMatchObject({
      recipient: 'u@example.com',
      reason: 'userunknown',
      status: '5.1.1',
      replyCode: 550,
    });
  });

  it('reads a complaint and a delivery', () => {
    const complaint = parseBounce(
      sns({
        notificationType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: 'c@example.com' }], complaintFeedbackType: 'abuse' },
      }),
    );
    expect(complaint.kind).toBe('complaint');
    expect(complaint.recipients[0]).toMatchObject({ reason: 'feedback', class: 'complaint', feedbackType: 'abuse' });
    const delivery = parseBounce(
      sns({
        notificationType: 'Delivery',
        delivery: { recipients: ['d@example.com'], smtpResponse: '250 2.6.0 Message received' },
      }),
    );
    expect(delivery.kind).toBe('delivery-report');
    expect(delivery.recipients[0]).toMatchObject({ reason: 'delivered', status: '2.6.0', replyCode: 250 });
  });

  it('reads the notification inside a whole SNS envelope (its Message field, a JSON string)', () => {
    const notification = {
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Transient',
        bounceSubType: 'MailboxFull',
        bouncedRecipients: [
          {
            emailAddress: 'kim@example.net',
            status: '4.2.2',
            action: 'failed',
            diagnosticCode: 'smtp; 452 4.2.2 over quota',
          },
        ],
      },
    };
    const r = parseBounce(
      sns({ Type: 'Notification', TopicArn: 'arn:aws:sns:eu-west-1:1:ses', Message: JSON.stringify(notification) }),
    );
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.status, x.detectedBy])).toEqual([
      ['kim@example.net', 'mailboxfull', '4.2.2', 'amazonses'],
    ]);
  });
});
